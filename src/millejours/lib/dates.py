"""Pregnancy dates in weeks of amenorrhea (SA), counted from the last period (DDR).

Conventions (docs/calendar.md, with their public sources): DPA (due date) = DDR + 287 days
(41 SA, CNGOF); from a DPA alone, DDR = DPA − 287 days. Framework-free.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from .errors import InvalidInput

DPA_OFFSET_DAYS = 287  # DDR + 41 SA
MAX_PREGNANCY_WEEKS = 45  # beyond this, a pregnancy without a birth is a data error
VIABILITY_WEEKS = 22  # a birth is recorded from 22 SA (WHO viability threshold)


def lmp_from_due_date(due_date: date) -> date:
    """DDR from a DPA: DPA − 287 days."""
    return due_date - timedelta(days=DPA_OFFSET_DAYS)


def due_date_from_lmp(lmp: date) -> date:
    """DPA from a DDR: DDR + 287 days."""
    return lmp + timedelta(days=DPA_OFFSET_DAYS)


def gestational_age(lmp: date, on: date) -> tuple[int, int]:
    """(weeks, days) of amenorrhea on ``on``; negative ages are refused."""
    elapsed = (on - lmp).days
    if elapsed < 0:
        raise InvalidInput("La date est antérieure à la date des dernières règles.", "before_lmp")
    return divmod(elapsed, 7)


def add_months(start: date, months: int) -> date:
    """Calendar months, clamped to the month's last day (31/01 + 1 month = 28 or 29/02)."""
    return start + relativedelta(months=months)


def check_lmp(lmp: date, *, today: date, birth_date: date | None = None) -> date:
    """Validate a DDR: not in the future, not more than 45 SA ago unless a birth is known."""
    if lmp > today:
        raise InvalidInput(
            "La date des dernières règles ne peut pas être dans le futur.", "lmp_in_future"
        )
    if birth_date is None and (today - lmp).days > MAX_PREGNANCY_WEEKS * 7:
        raise InvalidInput(
            f"La date des dernières règles remonte à plus de {MAX_PREGNANCY_WEEKS} SA et aucune "
            "naissance n'est enregistrée : vérifiez la date ou enregistrez la naissance.",
            "lmp_too_old",
        )
    return lmp


def check_birth(birth_date: date, *, lmp: date, today: date) -> tuple[int, int]:
    """Validate a birth date against the DDR; return the gestational age at birth."""
    if birth_date > today:
        raise InvalidInput(
            "La date de naissance ne peut pas être dans le futur.", "birth_in_future"
        )
    earliest = lmp + timedelta(weeks=VIABILITY_WEEKS)
    if birth_date < earliest:
        raise InvalidInput(
            f"La naissance ne peut pas précéder {VIABILITY_WEEKS} SA : avec une DDR au "
            f"{lmp:%d/%m/%Y}, la date de naissance doit être au plus tôt le {earliest:%d/%m/%Y}.",
            "birth_before_22_sa",
        )
    return gestational_age(lmp, birth_date)
