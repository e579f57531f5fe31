"""Authentication middlewares: the second factor and the inactivity timeout.

``SecondFactorMiddleware`` sends every authenticated session that still owes a second
factor to the OTP pages (enrolment when the person has no device yet, verification
otherwise). ``SessionIdleTimeoutMiddleware`` ends sessions idle for longer than
``MILLEJOURS_SESSION_IDLE_MINUTES`` (professionals) or
``MILLEJOURS_PARENT_SESSION_IDLE_MINUTES`` (parents).
"""

from __future__ import annotations

import time
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .mfa import needs_second_factor

LAST_SEEN_SESSION_KEY = "millejours_last_seen"

# Paths a session that owes its second factor may still reach.
_EXEMPT_PREFIXES = ("/static/", "/media/", "/healthz")


@lru_cache(maxsize=1)
def _exempt_paths() -> tuple[str, ...]:
    names = [
        "accounts:otp_setup",
        "accounts:otp_verify",
        "accounts:otp_request_link",
        "accounts:logout",
        "accounts:login",
        "accounts:psc_login",
        "accounts:psc_callback",
    ]
    enrol_links = reverse("accounts:otp_enrol_link", args=["x"]).removesuffix("x/")
    return tuple(reverse(name) for name in names) + (enrol_links,) + _EXEMPT_PREFIXES


def _redirect(request, url: str):
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and needs_second_factor(user, request):
            if not request.path.startswith(_exempt_paths()):
                query = urlencode({"next": request.get_full_path()})
                return _redirect(request, f"{reverse('accounts:otp_verify')}?{query}")
        return self.get_response(request)


class SessionIdleTimeoutMiddleware:
    # Do not rewrite the session on every request: once a minute is precise enough.
    REFRESH_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            minutes = (
                settings.MILLEJOURS_PARENT_SESSION_IDLE_MINUTES
                if user.is_parent
                else settings.MILLEJOURS_SESSION_IDLE_MINUTES
            )
            last_seen = request.session.get(LAST_SEEN_SESSION_KEY)
            if last_seen is not None and now - last_seen > minutes * 60:
                logout(request)
                messages.info(
                    request,
                    "Votre session a expiré après une période d'inactivité. Reconnectez-vous.",
                )
                query = urlencode({"next": request.get_full_path()})
                return _redirect(request, f"{reverse(settings.LOGIN_URL)}?{query}")
            if last_seen is None or now - last_seen > self.REFRESH_SECONDS:
                request.session[LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)
