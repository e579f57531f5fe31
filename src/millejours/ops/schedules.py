"""When a periodic job is due: every N minutes, daily at HH:MM, monthly on day D at HH:MM.

Times are local (``TIME_ZONE``, Europe/Paris). ``last_slot(now)`` is the start of the most
recent slot at or before ``now``: the scheduler runs a job when no run exists for that
slot, so a slot missed while the scheduler was stopped is caught up once on restart.
Each schedule also reads as a cron expression (``cron``), shown by ``jobs list``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone


def _local(now: datetime) -> datetime:
    return timezone.localtime(now)


def _aware(naive: datetime) -> datetime:
    return timezone.make_aware(naive, timezone.get_current_timezone())


@dataclass(frozen=True)
class Every:
    minutes: int

    def __post_init__(self):
        if self.minutes <= 0 or 60 % self.minutes:
            raise ValueError("minutes must divide 60")

    @property
    def cron(self) -> str:
        return f"*/{self.minutes} * * * *"

    def describe(self) -> str:
        return f"toutes les {self.minutes} minutes"

    def last_slot(self, now: datetime) -> datetime:
        local = _local(now).replace(second=0, microsecond=0)
        return local - timedelta(minutes=local.minute % self.minutes)


@dataclass(frozen=True)
class Daily:
    at: time

    @property
    def cron(self) -> str:
        return f"{self.at.minute} {self.at.hour} * * *"

    def describe(self) -> str:
        return f"tous les jours à {self.at:%H:%M}"

    def last_slot(self, now: datetime) -> datetime:
        local = _local(now)
        slot = _aware(datetime.combine(local.date(), self.at))
        return (
            slot
            if slot <= now
            else _aware(datetime.combine(local.date() - timedelta(days=1), self.at))
        )


@dataclass(frozen=True)
class Monthly:
    day: int
    at: time

    def __post_init__(self):
        if not 1 <= self.day <= 28:
            raise ValueError("day must be between 1 and 28")

    @property
    def cron(self) -> str:
        return f"{self.at.minute} {self.at.hour} {self.day} * *"

    def describe(self) -> str:
        return f"le {self.day} de chaque mois à {self.at:%H:%M}"

    def last_slot(self, now: datetime) -> datetime:
        local = _local(now)
        slot = _aware(datetime.combine(local.date().replace(day=self.day), self.at))
        if slot <= now:
            return slot
        previous = (local.date().replace(day=1) - timedelta(days=1)).replace(day=self.day)
        return _aware(datetime.combine(previous, self.at))
