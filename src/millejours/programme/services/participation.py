"""The professionals' participation: time spent on a fiche and its compensation."""

from __future__ import annotations

from datetime import date as Date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from millejours.accounts.access import require_coordinator, require_role_or_platform
from millejours.audit.services import record_event

from .. import vocab
from ..models import Fiche, Participation, ParticipationRole, Session

if TYPE_CHECKING:
    from millejours.accounts.models import User


@transaction.atomic
def participation_create(
    *,
    actor: User | str,
    user: User,
    fiche: Fiche,
    date: Date,
    role: str,
    hours: Decimal | float | int | str,
    session: Session | None = None,
) -> Participation:
    """Record time spent by a professional; the compensation follows the CPTS's rates.
    The coordination's (or the platform's: ``actor`` a label)."""
    require_role_or_platform(actor, require_coordinator)
    if role not in ParticipationRole.values:
        raise ValidationError("Rôle inconnu.")
    hours = Decimal(str(hours))
    if hours <= 0:
        raise ValidationError("La durée doit être positive.")
    rate = vocab.hourly_rates().get(role, Decimal(0))
    participation = Participation.objects.create(
        user=user,
        fiche=fiche,
        session=session,
        date=date,
        role=role,
        hours=hours,
        hourly_rate=rate,
        amount=(rate * hours).quantize(Decimal("0.01")),
    )
    record_event(
        actor=actor,
        action="programme.participation",
        obj=participation,
        details={"heures": str(hours)},
    )
    return participation
