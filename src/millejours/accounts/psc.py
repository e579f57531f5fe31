"""Pro Santé Connect (PSC): optional OpenID Connect login of health professionals.

Enabled by ``MILLEJOURS_PSC_ENABLED=1`` (see docs/trust.md for the ``MILLEJOURS_PSC_*``
settings). The professional must already have an account: the PSC identity is matched on
the RPPS number (claim ``MILLEJOURS_PSC_RPPS_CLAIM``, default ``SubjectNameID``, whose
value is ``8`` + RPPS). PSC authenticates with the e-CPS / CPS card, itself a strong
authentication: the session counts as having passed the second factor.
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import SuspiciousOperation
from django.dispatch import receiver
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

PSC_SESSION_KEY = "millejours_psc_login"
BACKEND_PATH = "millejours.accounts.psc.PSCBackend"


def rpps_from_claims(claims: dict) -> str:
    value = str(claims.get(settings.MILLEJOURS_PSC_RPPS_CLAIM, "") or "").strip()
    if re.fullmatch(r"8\d{11}", value):  # national identifier: "8" + RPPS
        value = value[1:]
    return value if re.fullmatch(r"\d{11}", value) else ""


class PSCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as exc:
            logging.getLogger("millejours.accounts").warning(
                "Connexion Pro Santé Connect refusée : %s", exc
            )
            return None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("Jeton Pro Santé Connect destiné à un autre client.")
        issuer = settings.MILLEJOURS_PSC_ISSUER
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("Émetteur Pro Santé Connect inattendu.")
        return payload

    def verify_claims(self, claims):
        return bool(rpps_from_claims(claims))

    def filter_users_by_claims(self, claims):
        rpps = rpps_from_claims(claims)
        if not rpps:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(rpps=rpps, is_active=True)

    def create_user(self, claims):  # accounts are created by the platform, never by PSC
        return None


@receiver(user_logged_in)
def _mark_psc_session(sender, request, user, **kwargs):
    if request is not None and getattr(user, "backend", "") == BACKEND_PATH:
        request.session[PSC_SESSION_KEY] = True


def psc_login(request):
    if not settings.MILLEJOURS_PSC_ENABLED:
        raise Http404("Pro Santé Connect n'est pas activé.")
    # Imported when Pro Santé Connect is enabled: its views read the OIDC settings.
    from mozilla_django_oidc.views import OIDCAuthenticationRequestView

    return OIDCAuthenticationRequestView.as_view()(request)


def psc_callback(request):
    if not settings.MILLEJOURS_PSC_ENABLED:
        raise Http404("Pro Santé Connect n'est pas activé.")
    # Imported when Pro Santé Connect is enabled: its views read the OIDC settings.
    from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

    return OIDCAuthenticationCallbackView.as_view()(request)
