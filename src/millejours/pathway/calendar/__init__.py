"""The calendar engine: data rules (``rules/*.yaml``) → each pathway's milestones.

Public API (other domains call only these):

- ``compute_milestones(case, *, today=None) -> list[ComputedMilestone]`` — pure function,
  used by the ``millejours calendar`` command and by materialisation (``Case`` /
  ``ChildCase`` are frozen dataclasses of dates and flags);
- ``materialise(pregnancies, *, today=None) -> MaterialiseResult`` — (re)computes and
  stores the milestones of the given pregnancies (queryset, iterable of pregnancies or of
  primary keys) in bulk, never losing what was marked done. Call it after saving a
  pregnancy or a child: ``materialise(Pregnancy.objects.filter(pk=pregnancy.pk))``;
- ``refresh_states(today=None) -> int`` — nightly bulk update of time-dependent states
  (à venir → à faire → en retard); also the task ``pathway.tasks.refresh_milestone_states``.
- ``update_statistics()`` — ANALYZE the milestone tables (the nightly task and the
  ``calendar_refresh`` / ``calendar_materialise --all`` commands call it);
- ``get_rules()`` — the loaded rule set (cached), ``RuleError`` for a malformed file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .engine import Case, ChildCase, ComputedMilestone, compute_milestones
from .rules import RuleError, RuleSet, get_rules, load_rules

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from ..models import Pregnancy
    from .store import MaterialiseResult


def materialise(
    pregnancies: QuerySet[Pregnancy] | Iterable[Pregnancy | int], *, today: dt.date | None = None
) -> MaterialiseResult:
    # The store reads and writes the database (Django models): imported on use, so that the
    # engine (compute_milestones) stays importable without the models.
    from .store import materialise as _materialise

    return _materialise(pregnancies, today=today)


def refresh_states(today: dt.date | None = None) -> int:
    # Imported on use (see ``materialise``).
    from .store import refresh_states as _refresh

    return _refresh(today)


def update_statistics() -> None:
    # Imported on use (see ``materialise``).
    from .store import update_statistics as _update

    _update()


__all__ = [
    "Case",
    "ChildCase",
    "ComputedMilestone",
    "RuleError",
    "RuleSet",
    "compute_milestones",
    "get_rules",
    "load_rules",
    "materialise",
    "refresh_states",
    "update_statistics",
]
