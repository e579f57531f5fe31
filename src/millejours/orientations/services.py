"""Writes of the orientations domain.

Who may call each write is decided here, by the rules of ``rules`` (not only by the pages):

- ``orientation_create(*, family, service, by, reason, consent_given, shared_contact,
  origin=Origin.FREE, origin_ref="", send=False) -> Orientation``: ``by`` is a
  professional who may open ``family``.
- ``orientation_transition(*, orientation, to_state, by, reason="") -> Orientation``: the
  ONE entry point for an account (``by``, a user): a professional sends, closes or drops
  their orientation, a partner answers for its organisation's service
  (``rules.require_may_move``).
- ``orientation_answer_by_link(*, token, to_state, reason="") -> Orientation``: the partner
  without an account answers through the signed link; the token is the authorisation.
- Both go through ``_move``, the ONE place where the state changes (allowed-transition
  table, stamp, audit trail).
- ``orientation_renew_link(*, orientation, by) -> str``: revokes older links, returns the
  new token (a professional of the orientation).
- ``orientation_send_reminders(*, now=None) -> int``: the system (task, command).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from millejours.accounts.models import User
from millejours.audit.services import record_event
from millejours.directory.models import Status as ListingStatus
from millejours.pathway.selectors import require_professional_access

from . import links, rules
from .models import (
    OPEN_STATES,
    Orientation,
    OrientationEvent,
    Origin,
    SharedContact,
    State,
    new_nonce,
)

if TYPE_CHECKING:
    from millejours.directory.models import Service
    from millejours.pathway.models import Family

# from-state -> states it may move to.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    State.DRAFT: frozenset({State.SENT, State.DROPPED}),
    State.SENT: frozenset({State.RECEIVED, State.ACCEPTED, State.REFUSED, State.DROPPED}),
    State.RECEIVED: frozenset({State.ACCEPTED, State.REFUSED, State.DROPPED}),
    State.ACCEPTED: frozenset({State.DONE, State.DROPPED}),
    State.REFUSED: frozenset(),
    State.DONE: frozenset(),
    State.DROPPED: frozenset(),
}


class TransitionError(ValidationError):
    """An illegal transition (message in French)."""


def can_transition(from_state: str, to_state: str) -> bool:
    return to_state in ALLOWED_TRANSITIONS.get(from_state, frozenset())


def _label(by: User | str | None) -> str:
    if isinstance(by, User) and by.pk:
        return by.display_name
    return str(by or "système")


def _history(
    orientation: Orientation,
    from_state: str,
    to_state: str,
    *,
    at: datetime,
    by: User | str,
    reason: str = "",
) -> None:
    """The orientation's own history line (what the partner and the professional see),
    next to the audit event: who moved it, from which state to which, when and why."""
    OrientationEvent.objects.create(
        orientation=orientation,
        from_state=from_state,
        to_state=to_state,
        at=at,
        by=by if isinstance(by, User) and by.pk else None,
        by_label=_label(by)[:200],
        reason=reason,
    )


def orientation_transition(
    *, orientation: Orientation, to_state: str, by: User, reason: str = ""
) -> Orientation:
    """``by`` (an account) moves ``orientation`` to ``to_state``: a professional's move on
    their orientation or a partner's answer (``rules.require_may_move``), if the table
    allows it; stamped and audited. ``PermissionDenied`` for anyone else, nothing written."""

    def authorise(current: Orientation) -> None:
        rules.require_may_move(by, current, to_state)

    return _move(orientation, to_state, by=by, reason=reason, authorise=authorise)


def orientation_answer_by_link(*, token: str, to_state: str, reason: str = "") -> Orientation:
    """The partner without an account answers through the signed link: the token designates
    the orientation and authorises a partner's answer (received, accepted, refused, done).
    ``PermissionDenied`` for an invalid, expired or replaced link."""
    try:
        orientation = links.read_token(token)
    except links.LinkError as exc:
        raise PermissionDenied(str(exc)) from None
    nonce = orientation.link_nonce

    def authorise(current: Orientation) -> None:
        rules.require_link_move(to_state)
        if current.link_nonce != nonce:  # renewed meanwhile: this link no longer works
            raise PermissionDenied("Ce lien a été remplacé par un lien plus récent.")

    return _move(
        orientation, to_state, by=links.link_actor(orientation), reason=reason, authorise=authorise
    )


def _move(
    orientation: Orientation,
    to_state: str,
    *,
    by: User | str,
    reason: str,
    authorise: Callable[[Orientation], None],
) -> Orientation:
    """The one place where the state changes: table, ``authorise``, stamp, audit trail."""
    reason = (reason or "").strip()
    if to_state not in State.values:
        raise TransitionError(f"État inconnu : « {to_state} ».")
    with transaction.atomic():
        # Re-read under lock: two answers at the same time cannot both apply.
        current = Orientation.objects.select_for_update().get(pk=orientation.pk)
        if not can_transition(current.state, to_state):
            raise TransitionError(
                f"Passage impossible de « {State(current.state).label} » à « {State(to_state).label} »."
            )
        # After the table: an illegal move is a TransitionError for everyone; a legal one
        # by someone it does not belong to is refused before anything is written.
        authorise(current)
        if to_state == State.REFUSED and not reason:
            raise TransitionError("Le motif du refus est obligatoire.")
        if to_state == State.SENT and not current.consent_given:
            raise TransitionError(
                "Le consentement de la famille doit être recueilli avant l'envoi."
            )
        _stamp(current, to_state, by=by, reason=reason)
    orientation.refresh_from_db()
    return orientation


def _stamp(current: Orientation, to_state: str, *, by: User | str, reason: str) -> None:
    now = timezone.now()
    from_state = current.state
    current.state = to_state
    current.state_changed_at = now
    fields = ["state", "state_changed_at", "updated_at"]
    if to_state == State.SENT:
        current.sent_at = now
        current.link_issued_at = now
        fields += ["sent_at", "link_issued_at"]
    if to_state == State.REFUSED:
        current.refusal_reason = reason
        fields.append("refusal_reason")
    current.save(update_fields=fields)
    _history(current, from_state, to_state, at=now, by=by, reason=reason)
    record_event(
        actor=by,
        action=f"orientation.{to_state}",
        obj=current,
        details={
            "from": from_state,
            "to": to_state,
            "reason": reason,
            "service": current.service_id,
        },
    )


def orientation_create(
    *,
    family: Family,
    service: Service,
    by: User,
    reason: str,
    consent_given: bool,
    shared_contact: str = SharedContact.PHONE,
    origin: str = Origin.FREE,
    origin_ref: str = "",
    send: bool = False,
) -> Orientation:
    """A draft (sent at once with ``send``) by a professional who may open ``family``, to a
    service published in the directory (``ValidationError`` otherwise)."""
    require_professional_access(by, family.pk)
    if service.status != ListingStatus.PUBLISHED:
        raise ValidationError(
            "Cette offre n'est pas publiée dans l'annuaire : orientation impossible."
        )
    if not consent_given:
        raise ValidationError("Le consentement de la famille au partage est obligatoire.")
    if not (reason or "").strip():
        raise ValidationError("Le motif de l'orientation est obligatoire.")
    with transaction.atomic():
        now = timezone.now()
        orientation = Orientation.objects.create(
            family=family,
            service=service,
            origin=origin,
            origin_ref=origin_ref,
            reason=reason.strip(),
            consent_given=True,
            consent_recorded_at=now,
            consent_recorded_by=by,
            shared_contact=shared_contact,
            created_by=by,
            state=State.DRAFT,
            state_changed_at=now,
        )
        _history(orientation, "", State.DRAFT, at=now, by=by)
        record_event(
            actor=by,
            action="orientation.brouillon",
            obj=orientation,
            details={
                "service": service.pk,
                "origin": origin,
                "consent": True,
                "shared_contact": shared_contact,
            },
        )
    if send:
        orientation_transition(orientation=orientation, to_state=State.SENT, by=by)
        notify_partner(orientation)
    return orientation


@transaction.atomic
def orientation_renew_link(*, orientation: Orientation, by: User) -> str:
    """A new signed link (8 days); earlier links stop working. ``by``: a professional of
    the orientation (``rules.require_professional_on_orientation``)."""
    rules.require_professional_on_orientation(by, orientation)
    if orientation.state not in OPEN_STATES | {State.ACCEPTED}:
        raise TransitionError("Le lien ne peut être renouvelé que pour une orientation en cours.")
    orientation.link_nonce = new_nonce()
    orientation.link_issued_at = timezone.now()
    orientation.save(update_fields=["link_nonce", "link_issued_at", "updated_at"])
    record_event(
        actor=by,
        action="orientation.lien_renouvele",
        obj=orientation,
    )
    return links.make_token(orientation)


def partner_recipients(orientation: Orientation) -> list[str]:
    service = orientation.service
    addresses = [service.private_email or service.email or service.structure.email]
    organisation = service.structure.organisation
    if organisation is not None:
        addresses += list(organisation.memberships.values_list("user__email", flat=True))
        addresses.append(organisation.email)
    seen, out = set(), []
    for address in addresses:
        if address and address not in seen:
            seen.add(address)
            out.append(address)
    return out


def partner_url(orientation: Orientation) -> str:
    base = getattr(settings, "MILLEJOURS_SITE_URL", "").rstrip("/")
    return base + reverse("orientations:partner_link", args=[links.make_token(orientation)])


def notify_partner(orientation: Orientation, *, reminder: bool = False) -> int:
    """E-mail the partner a signed link (no personal data in the e-mail itself)."""
    recipients = partner_recipients(orientation)
    if not recipients:
        return 0
    subject = (
        "Mille Jours : relance, une orientation attend votre réponse"
        if reminder
        else ("Mille Jours : une famille vous est orientée")
    )
    body = (
        "Bonjour,\n\n"
        f"Une famille est orientée vers votre service « {orientation.service.name} ».\n"
        f"Pour en prendre connaissance et répondre (lien valable {links.MAX_AGE_DAYS} jours) :\n"
        f"{partner_url(orientation)}\n\n"
        "Ce message ne contient aucune donnée personnelle.\n"
    )
    return send_mail(subject, body, None, recipients)


def orientation_send_reminders(*, now: datetime | None = None) -> int:
    """Remind partners of orientations sent and unanswered for N days (setting)."""
    now = now or timezone.now()
    days = getattr(settings, "MILLEJOURS_ORIENTATION_REMINDER_DAYS", 7)
    limit = now - timedelta(days=days)
    due = (
        Orientation.objects.filter(state__in=OPEN_STATES, sent_at__lte=limit)
        .select_related("service", "service__structure", "service__structure__organisation")
        .order_by("sent_at")
    )
    count = 0
    for orientation in due:
        if orientation.last_reminder_at and orientation.last_reminder_at > limit:
            continue
        with transaction.atomic():
            orientation.last_reminder_at = now
            orientation.reminders_sent += 1
            orientation.save(update_fields=["last_reminder_at", "reminders_sent", "updated_at"])
            record_event(
                actor="relance automatique",
                action="orientation.relance",
                obj=orientation,
                details={"count": orientation.reminders_sent},
            )
        notify_partner(orientation, reminder=True)
        count += 1
    return count
