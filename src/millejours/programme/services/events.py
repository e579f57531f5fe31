"""The coordination's events, their sessions, and the partners that run them.

The pages validate their forms; these services save a validated form (many-to-many links
and uploaded files included) and append to the audit trail in the same transaction. Each is the coordination's
(``require_coordinator``) or the platform's (``actor`` a label), checked before anything
is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from millejours.accounts.access import require_coordinator, require_role_or_platform
from millejours.audit.services import record_event

from ..models import Event, Partner, Session

if TYPE_CHECKING:
    from django.forms import ModelForm

    from millejours.accounts.models import User


@transaction.atomic
def event_save(*, form: ModelForm[Event], actor: User) -> Event:
    """Save a validated event form (its communes included) and audit it."""
    require_role_or_platform(actor, require_coordinator)
    event = form.save()
    record_event(actor=actor, action="programme.evenement", obj=event)
    return event


@transaction.atomic
def session_save(*, form: ModelForm[Session], actor: User, overlaps: int) -> Session:
    """Save a validated session form; the audit notes how many nearby actions were overridden."""
    require_role_or_platform(actor, require_coordinator)
    session = form.save()
    record_event(
        actor=actor, action="programme.seance", obj=session, details={"chevauchements": overlaps}
    )
    return session


@transaction.atomic
def partner_save(*, form: ModelForm[Partner], actor: User) -> Partner:
    """Save a validated partner form (its convention file included) and audit it."""
    require_role_or_platform(actor, require_coordinator)
    partner = form.save()
    record_event(actor=actor, action="programme.partenaire", obj=partner)
    return partner
