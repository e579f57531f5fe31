"""When a periodic job is due: every N minutes, daily at HH:MM, monthly on day D at HH:MM.

Times are local (``TIME_ZONE``, Europe/Paris). ``last_slot(now)`` is the start of the most
recent slot at or before ``now``: the scheduler runs a job when no run exists for that
slot, so a slot missed while the scheduler was stopped is caught up once on restart.
Each schedule also reads as a cron expression (``cron``), shown by ``jobs list``, and as a
French phrase (``describe()``): both are written once per kind of schedule, from its fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import ClassVar

from django.utils import timezone


def _local(now: datetime) -> datetime:
    return timezone.localtime(now)


def _aware(naive: datetime) -> datetime:
    return timezone.make_aware(naive, timezone.get_current_timezone())


class _Schedule:
    """What every schedule reads as: ``cron_template`` and ``phrase`` filled with its fields."""

    cron_template: ClassVar[str]
    phrase: ClassVar[str]

    @property
    def cron(self) -> str:
        return self.cron_template.format_map(vars(self))

    def describe(self) -> str:
        return self.phrase.format_map(vars(self))


@dataclass(frozen=True)
class Every(_Schedule):
    minutes: int
    cron_template = "*/{minutes} * * * *"
    phrase = "toutes les {minutes} minutes"

    def __post_init__(self):
        if self.minutes <= 0 or 60 % self.minutes:
            raise ValueError("minutes must divide 60")

    def last_slot(self, now: datetime) -> datetime:
        local = _local(now).replace(second=0, microsecond=0)
        return local - timedelta(minutes=local.minute % self.minutes)


@dataclass(frozen=True)
class Daily(_Schedule):
    at: time
    cron_template = "{at.minute} {at.hour} * * *"
    phrase = "tous les jours à {at:%H:%M}"

    def last_slot(self, now: datetime) -> datetime:
        local = _local(now)
        slot = _aware(datetime.combine(local.date(), self.at))
        return (
            slot
            if slot <= now
            else _aware(datetime.combine(local.date() - timedelta(days=1), self.at))
        )


@dataclass(frozen=True)
class Monthly(_Schedule):
    day: int
    at: time
    cron_template = "{at.minute} {at.hour} {day} * *"
    phrase = "le {day} de chaque mois à {at:%H:%M}"

    def __post_init__(self):
        if not 1 <= self.day <= 28:
            raise ValueError("day must be between 1 and 28")

    def last_slot(self, now: datetime) -> datetime:
        local = _local(now)
        slot = _aware(datetime.combine(local.date().replace(day=self.day), self.at))
        if slot <= now:
            return slot
        previous = (local.date().replace(day=1) - timedelta(days=1)).replace(day=self.day)
        return _aware(datetime.combine(previous, self.at))
