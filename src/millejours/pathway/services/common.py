"""Helpers shared by the pathway services (calendar recomputation, today)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from millejours.pathway import calendar

from ..models import Pregnancy


def _materialise(pregnancies: Iterable[Pregnancy | int]) -> None:
    """Recompute the milestones of ``pregnancies`` (the calendar engine owns the logic)."""
    calendar.materialise(pregnancies)


def _today() -> date:
    return timezone.localdate()


def _json(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value
