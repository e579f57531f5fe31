"""Parent invitations (one-time link) and iCal subscription links.

Who may do it is checked here, before anything is written: an invitation comes from a
professional who may open the family (``access.require_family_writer``: care team, or
break the glass; ``None``: the platform itself); the iCal link is managed by the family's
own parent only (``selectors.require_own_family``).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from millejours.accounts.models import Role, User
from millejours.audit.services import record_event

from ..invitation_email import invitation_email
from ..models import CalendarFeed, Family, Parent, ParentInvitation
from ..selectors import require_own_family
from .access import require_family_writer

INVITATION_VALIDITY = timedelta(days=7)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def parent_invite(
    *, family: Family, parent: Parent, email: str, invited_by: User | None
) -> ParentInvitation:
    """E-mail ``parent`` a one-time link (valid 7 days) to create their account.

    Only the SHA-256 of the token is stored; the link is set on the returned object as
    ``accept_url`` (not persisted) and sent after the transaction commits.
    """
    require_family_writer(invited_by, family.pk)
    if parent.family_id != family.pk:
        raise ValidationError("Ce parent n'appartient pas à ce foyer.", code="wrong_family")
    if parent.user_id:
        raise ValidationError("Ce parent a déjà un compte.", code="already_linked")
    token = secrets.token_urlsafe(32)
    invitation = ParentInvitation.objects.create(
        family=family,
        parent=parent,
        email=email.strip().lower(),
        token_hash=_hash_token(token),
        created_by=invited_by,
        expires_at=timezone.now() + INVITATION_VALIDITY,
    )
    url = settings.MILLEJOURS_SITE_URL.rstrip("/") + reverse(
        "pathway:invitation_accept", args=[token]
    )
    invitation.accept_url = url  # type: ignore[attr-defined]  # not persisted: for the caller
    record_event(
        actor=invited_by,
        action="parent.invited",
        obj=invitation,
        details={"parent": parent.pk, "expires_at": invitation.expires_at.isoformat()},
    )
    subject, body = invitation_email(
        family=family,
        first_name=parent.first_name,
        inviter=invited_by.display_name if invited_by else "",
        url=url,
    )
    transaction.on_commit(lambda: send_mail(subject, body, None, [invitation.email]))
    return invitation


def find_invitation(token: str) -> ParentInvitation | None:
    """The pending, unexpired invitation for ``token``, or ``None``."""
    return (
        ParentInvitation.objects.select_related("parent", "family")
        .filter(
            token_hash=_hash_token(token or ""),
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


@transaction.atomic
def parent_invitation_accept(*, token: str, password: str) -> User:
    """Create the parent's account (role parent, linked to ``Parent.user``); one use only."""
    invitation = find_invitation(token)
    if invitation is None:
        raise ValidationError(
            gettext("Ce lien d'invitation n'est plus valable (déjà utilisé ou expiré)."),
            code="invalid_token",
        )
    # Lock the row so that two concurrent submissions cannot both succeed.
    invitation = ParentInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(gettext("Ce lien d'invitation a déjà été utilisé."), code="used")
    User = get_user_model()
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            gettext(
                "Un compte existe déjà avec cette adresse : connectez-vous ou demandez une autre adresse."
            ),
            code="email_taken",
        )
    parent = invitation.parent
    candidate = User(
        email=invitation.email, first_name=parent.first_name, last_name=parent.last_name
    )
    validate_password(password, user=candidate)
    user = User.objects.create_user(
        email=invitation.email,
        password=password,
        role=Role.PARENT,
        first_name=parent.first_name,
        last_name=parent.last_name,
    )
    Parent.objects.filter(pk=parent.pk).update(user=user)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    record_event(actor=user, action="parent.invitation_accepted", obj=invitation)
    return user


# --- iCal subscription links ---------------------------------------------------------------------


@transaction.atomic
def calendar_feed_create(*, family: Family, user: User) -> CalendarFeed:
    """A new secret iCal link; any previous active link of the family is revoked."""
    require_own_family(user, family.pk)
    now = timezone.now()
    CalendarFeed.objects.filter(family=family, revoked_at__isnull=True).update(revoked_at=now)
    feed = CalendarFeed.objects.create(family=family, created_by=user)
    record_event(actor=user, action="calendar_feed.created", obj=feed)
    return feed


@transaction.atomic
def calendar_feed_revoke(*, family: Family, user: User) -> int:
    """Revoke every active iCal link of the family (subscribed calendars stop updating)."""
    require_own_family(user, family.pk)
    count = CalendarFeed.objects.filter(family=family, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if count:
        record_event(
            actor=user, action="calendar_feed.revoked", family=family, details={"count": count}
        )
    return count
