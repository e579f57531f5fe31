"""Registrations to sessions: waiting list, signed links, attendance, satisfaction, reminders."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from millejours.accounts.access import require_coordinator, require_role_or_platform
from millejours.audit.services import record_event
from millejours.pathway.languages import family_for_parent_user, family_language

from ..models import (
    Registration,
    RegistrationKind,
    RegistrationStatus,
    SatisfactionResponse,
    Session,
)

if TYPE_CHECKING:
    from millejours.accounts.models import User

CANCEL_SALT = "millejours.programme.cancel"
SATISFACTION_SALT = "millejours.programme.satisfaction"
SATISFACTION_MAX_AGE = 60 * 24 * 3600  # the questionnaire link works for 60 days
CANCEL_LINK_EXPIRED = gettext_noop("Ce lien d'annulation a expiré : la séance est terminée.")


class RegistrationError(ValidationError):
    pass


def cancel_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def satisfaction_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=SATISFACTION_SALT)


def registration_from_token(
    token: str, *, salt: str, max_age: int | None = None
) -> Registration | None:
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return (
        Registration.objects.select_related("session__event", "session__commune")
        .filter(pk=pk)
        .first()
    )


def session_end(session: Session) -> datetime:
    """When a session is over (its start when no end was given)."""
    return session.ends_at or session.starts_at


def cancel_link_expired(registration: Registration) -> bool:
    """A cancel link works until the end of its session, never after."""
    return timezone.now() >= session_end(registration.session)


def _absolute(path: str) -> str:
    site_url: str = settings.MILLEJOURS_SITE_URL
    return site_url.rstrip("/") + path


def registration_language(registration: Registration) -> str:
    """The language of a registered parent's family; French for anyone else."""
    family = family_for_parent_user(registration.user) if registration.user_id else None
    return family_language(family)


def _send(registration: Registration, template: str, subject: str, **extra: str) -> None:
    context = {
        "registration": registration,
        "session": registration.session,
        "event": registration.session.event,
        "cancel_url": _absolute(
            reverse("programme:registration_cancel", args=[cancel_token(registration)])
        ),
        **extra,
    }
    # In the registered parent's family language (French otherwise, docs/langues.md).
    with translation.override(registration_language(registration)):
        body = render_to_string(f"programme/emails/{template}.txt", context)
        send_mail(gettext(subject), body, None, [registration.email])


def _confirmed_count(session: Session) -> int:
    return session.registrations.filter(status=RegistrationStatus.CONFIRMEE).count()


def _check_open(session: Session, email: str) -> None:
    """A registration needs a session to come and an address not yet registered to it."""
    if session.starts_at < timezone.now():
        raise RegistrationError(gettext("Cette séance est passée : les inscriptions sont closes."))
    if (
        session.registrations.filter(email=email)
        .exclude(status=RegistrationStatus.ANNULEE)
        .exists()
    ):
        raise RegistrationError(
            gettext("Cette adresse électronique est déjà inscrite à cette séance.")
        )


@transaction.atomic
def registration_create(
    *,
    session: Session,
    first_name: str,
    last_name: str,
    email: str,
    phone: str = "",
    kind: str = RegistrationKind.PARENT,
    user: User | None = None,
) -> Registration:
    """Register someone to a session: confirmed while places remain, else on the waiting list."""
    email = email.strip().lower()
    locked = Session.objects.select_for_update().select_related("event").get(pk=session.pk)
    _check_open(locked, email)
    full = locked.capacity is not None and _confirmed_count(locked) >= locked.capacity
    registration = Registration.objects.create(
        session=locked,
        kind=kind,
        user=user if getattr(user, "pk", None) else None,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        phone=phone.strip(),
        status=RegistrationStatus.ATTENTE if full else RegistrationStatus.CONFIRMEE,
    )
    record_event(
        actor=user or "inscription publique",
        action="programme.inscription",
        obj=registration,
        details={"statut": registration.status, "seance": locked.pk},
    )
    if registration.status == RegistrationStatus.CONFIRMEE:
        transaction.on_commit(
            lambda: _send(
                registration, "confirmation", gettext_noop("Votre inscription est confirmée")
            )
        )
    else:
        transaction.on_commit(
            lambda: _send(registration, "waiting", gettext_noop("Vous êtes sur la liste d'attente"))
        )
    return registration


def _promote_first_waiting(session: Session) -> Registration | None:
    """Give a freed place to the first person waiting, if any (inside the caller's lock)."""
    promoted = (
        Registration.objects.select_for_update()
        .filter(session=session, status=RegistrationStatus.ATTENTE)
        .order_by("created_at", "id")
        .first()
    )
    if promoted is None:
        return None
    promoted.status = RegistrationStatus.CONFIRMEE
    promoted.promoted_at = timezone.now()
    promoted.save(update_fields=["status", "promoted_at"])
    record_event(actor="liste d'attente", action="programme.inscription_promue", obj=promoted)
    transaction.on_commit(
        lambda: _send(
            promoted,
            "promoted",
            gettext_noop("Une place s'est libérée : votre inscription est confirmée"),
        )
    )
    return promoted


def registration_cancel(
    *, registration: Registration, actor: User | None = None
) -> Registration | None:
    """Cancel a registration; a freed place goes to the first person waiting (returned)."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=registration.session_id)
        reg = Registration.objects.select_for_update().get(pk=registration.pk)
        if reg.status == RegistrationStatus.ANNULEE:
            return None
        was_confirmed = reg.status == RegistrationStatus.CONFIRMEE
        reg.status = RegistrationStatus.ANNULEE
        reg.cancelled_at = timezone.now()
        reg.save(update_fields=["status", "cancelled_at"])
        record_event(
            actor=actor or "lien d'annulation", action="programme.inscription_annulee", obj=reg
        )
        promoted = None
        if was_confirmed and (
            session.capacity is None or _confirmed_count(session) < session.capacity
        ):
            promoted = _promote_first_waiting(session)
    registration.refresh_from_db()
    return promoted


def _send_questionnaires(attendees: list[Registration]) -> None:
    for reg in attendees:
        _send(
            reg,
            "satisfaction",
            gettext_noop("Votre avis sur la séance"),
            satisfaction_url=_absolute(
                reverse("programme:satisfaction", args=[satisfaction_token(reg)])
            ),
        )


@transaction.atomic
def attendance_record(*, session: Session, present_ids: set[int], actor: User) -> None:
    """Record who came (confirmed registrations), then send the satisfaction questionnaire.
    The coordination's."""
    require_role_or_platform(actor, require_coordinator)
    regs = list(session.registrations.filter(status=RegistrationStatus.CONFIRMEE))
    for reg in regs:
        reg.attended = reg.pk in present_ids
    Registration.objects.bulk_update(regs, ["attended"])
    first_time = session.attendance_recorded_at is None
    session.attendance_recorded_at = timezone.now()
    session.save(update_fields=["attendance_recorded_at"])
    record_event(
        actor=actor,
        action="programme.presences",
        obj=session,
        details={"presents": len([r for r in regs if r.attended]), "inscrits": len(regs)},
    )
    if first_time:
        attendees = [r for r in regs if r.attended]
        transaction.on_commit(lambda: _send_questionnaires(attendees))


@transaction.atomic
def satisfaction_submit(
    *, registration: Registration, rating: int, useful: bool, would_recommend: bool, comment: str
) -> SatisfactionResponse:
    response, _ = SatisfactionResponse.objects.update_or_create(
        registration=registration,
        defaults={
            "rating": rating,
            "useful": useful,
            "would_recommend": would_recommend,
            "comment": comment,
        },
    )
    record_event(
        actor="questionnaire de satisfaction", action="programme.satisfaction", obj=registration
    )
    return response


def reminders_send(*, now: datetime | None = None, days_before: int = 2) -> int:
    """E-mail a reminder to confirmed people whose session starts within ``days_before`` days."""
    now = now or timezone.now()
    regs = list(
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMEE,
            reminder_sent_at__isnull=True,
            session__starts_at__gt=now,
            session__starts_at__lte=now + timedelta(days=days_before),
        ).select_related("session__event", "session__commune")
    )
    for reg in regs:
        _send(reg, "reminder", gettext_noop("Rappel : votre atelier approche"))
        reg.reminder_sent_at = now
    Registration.objects.bulk_update(regs, ["reminder_sent_at"])
    return len(regs)
