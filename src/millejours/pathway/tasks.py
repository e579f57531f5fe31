"""Background tasks of the pathway domain (django-tasks).

- ``refresh_milestone_states`` — nightly: moves open milestones to the state their window
  gives today (à venir → à faire → en retard). Enqueue it from a scheduler (cron:
  ``millejours calendar_refresh`` does the same synchronously).
- ``materialise_pregnancies`` — recompute the calendar of some pregnancies (after a data
  change done outside a request, or after a rule change: ``millejours calendar_materialise
  --all``).
"""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from .calendar import materialise, refresh_states, update_statistics


@task()
def refresh_milestone_states(today: str | None = None) -> int:
    n = refresh_states(dt.date.fromisoformat(today) if today else None)
    update_statistics()
    return n


@task()
def materialise_pregnancies(pregnancy_ids: list[int]) -> dict:
    r = materialise(list(pregnancy_ids))
    return {
        "created": r.created,
        "updated": r.updated,
        "obsoleted": r.obsoleted,
        "unchanged": r.unchanged,
    }
