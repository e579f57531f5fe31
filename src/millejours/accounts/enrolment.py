"""One-time enrolment links for the second factor (issue 11 item 5).

Outside demo mode, a person who owes a second factor and has no device cannot enrol one
right after a password login (the password alone would then be enough to take over the
account): enrolment needs a one-time link, e-mailed to the account's address (requested
from the login flow, or sent by an administrator) or handed over by an administrator
(``millejours enrolment_link``, admin action). The token is random, stored hashed
(SHA-256), valid once and for ``MILLEJOURS_ENROLMENT_LINK_HOURS``. Redeeming it grants the
current session — logged in as the same person — the right to enrol for
``GRANT_MINUTES``.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from millejours.audit.services import record_event

from .mfa import mfa_required_for
from .models import EnrolmentLink

if TYPE_CHECKING:
    from .models import User

SESSION_KEY = "millejours_enrolment_link"
GRANT_MINUTES = 30
RESEND_MINUTES = 5  # a person asking again within this delay gets no new e-mail
OTHER_ACCOUNT = "Ce lien d'inscription appartient à un autre compte."


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_url(token: str) -> str:
    path = reverse("accounts:otp_enrol_link", args=[token])
    return settings.MILLEJOURS_SITE_URL.rstrip("/") + path


def enrolment_needs_link(user: Any, request: HttpRequest | None = None) -> bool:
    """True when this session may enrol a device only through an enrolment link."""
    if getattr(settings, "DEMO_MODE", False) or not mfa_required_for(user):
        return False
    if user.is_verified():
        return False  # a verified session already proved the second factor (new phone)
    if request is not None and request.session.get("millejours_psc_login"):
        return False  # Pro Santé Connect: e-CPS / CPS card, already a strong authentication
    return not has_enrolment_grant(request, user)


def issue_link(user: User, *, by: Any = None) -> tuple[EnrolmentLink, str]:
    """Create a link for ``user`` (earlier unused links are revoked); return it and its URL."""
    now = timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        EnrolmentLink.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(
            expires_at=now
        )
        link = EnrolmentLink.objects.create(
            user=user,
            token_hash=_hash(token),
            created_by=by if getattr(by, "pk", None) else None,
            expires_at=now + timedelta(hours=settings.MILLEJOURS_ENROLMENT_LINK_HOURS),
        )
        record_event(actor=by or user, action="auth.enrolment_link_issued", obj=user)
    return link, link_url(token)


def send_link(user: User, *, by: Any = None) -> EnrolmentLink:
    """Issue a link and e-mail it to the account's own address."""
    link, url = issue_link(user, by=by)
    body = render_to_string(
        "accounts/enrolment_link_email.txt",
        {"user": user, "url": url, "hours": settings.MILLEJOURS_ENROLMENT_LINK_HOURS},
    )
    send_mail("Mille Jours : activer votre double authentification", body, None, [user.email])
    return link


def request_link(user: User) -> bool:
    """The person asks for a link (from the login flow); False when one was just sent."""
    recent = timezone.now() - timedelta(minutes=RESEND_MINUTES)
    if EnrolmentLink.objects.filter(
        user=user, created_at__gte=recent, used_at__isnull=True
    ).exists():
        return False
    send_link(user)
    return True


def find_link(token: str) -> EnrolmentLink | None:
    """The valid (unused, unexpired) link of ``token``, or None."""
    return (
        EnrolmentLink.objects.select_related("user")
        .filter(token_hash=_hash(token), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


def redeem(request: HttpRequest, link: EnrolmentLink) -> bool:
    """Use ``link`` once for the logged-in session; False when it was used meanwhile.

    Only the link's own account redeems it: ``PermissionDenied`` (nothing used, no grant)
    when the session is logged in as anyone else; the page checks it first for its answer.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or link.user_id != user.pk:
        raise PermissionDenied(OTHER_ACCOUNT)
    now = timezone.now()
    used = EnrolmentLink.objects.filter(
        pk=link.pk, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if not used:
        return False
    request.session[SESSION_KEY] = link.pk
    record_event(actor=link.user, action="auth.enrolment_link_used", obj=link.user)
    return True


def has_enrolment_grant(request: HttpRequest | None, user: User) -> bool:
    if request is None or not request.session.get(SESSION_KEY):
        return False
    since = timezone.now() - timedelta(minutes=GRANT_MINUTES)
    return EnrolmentLink.objects.filter(
        pk=request.session[SESSION_KEY], user=user, used_at__gte=since
    ).exists()


def end_grant(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
