"""Writes of the ops domain: claiming and recording job runs, heartbeats.

The lock is the unique ``(job, slot)`` row of ``JobRun``: the first scheduler to insert it
runs the job, every other one gets an ``IntegrityError`` and skips it. This needs no
advisory lock and behaves the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import logging
import os
import socket
import traceback
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .jobs import Job
from .models import Heartbeat, JobRun, RunStatus, RunTrigger

logger = logging.getLogger("millejours.ops")


def runner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


def beat(name: str, now: datetime | None = None) -> datetime:
    now = now or timezone.now()
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": now, "runner": runner_id()})
    return now


def claim(job: Job, slot: datetime, trigger: str = RunTrigger.SCHEDULE) -> JobRun | None:
    """The run of ``job`` for ``slot``, or None when another process already took it."""
    try:
        with transaction.atomic():
            return JobRun.objects.create(
                job=job.name, slot=slot, trigger=trigger, runner=runner_id()
            )
    except IntegrityError:
        return None


def execute(job: Job, run: JobRun) -> JobRun:
    """Run the job for a claimed slot and record how it went (never raises)."""
    try:
        result = job.func()
    except Exception as exc:  # noqa: BLE001 — recorded, the scheduler goes on with the next job
        logger.exception("Job %s failed", job.name)
        run.status = RunStatus.FAILED
        run.error = f"{exc.__class__.__name__}: {exc}\n\n{traceback.format_exc()[-4000:]}"
    else:
        run.status = RunStatus.SUCCESS
        run.result = result
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "result", "error", "finished_at"])
    return run


def run_now(job: Job) -> JobRun:
    """``jobs run NAME``: a manual run, recorded like the scheduled ones."""
    now = timezone.now()
    run = claim(job, now, RunTrigger.MANUAL)
    while run is None:  # the same microsecond twice: take the next one
        now = now + timedelta(microseconds=1)
        run = claim(job, now, RunTrigger.MANUAL)
    return execute(job, run)


def run_due(jobs: Iterable[Job], now: datetime | None = None) -> list[JobRun]:
    """One tick of the scheduler: run every job whose current slot has no run yet."""
    now = now or timezone.now()
    done = []
    for job in jobs:
        slot = job.schedule.last_slot(now)
        if JobRun.objects.filter(job=job.name, slot=slot).exists():
            continue
        run = claim(job, slot)
        if run is not None:
            done.append(execute(job, run))
    return done


def prune_runs(
    *, keep_days: int = 90, stale_hours: int = 6, now: datetime | None = None
) -> dict[str, int]:
    """Forget runs older than ``keep_days``; close runs left "running" by a process that died."""
    now = now or timezone.now()
    interrupted = JobRun.objects.filter(
        status=RunStatus.RUNNING, started_at__lt=now - timedelta(hours=stale_hours)
    ).update(
        status=RunStatus.FAILED,
        finished_at=now,
        error="Exécution interrompue : le processus s'est arrêté avant la fin.",
    )
    deleted, _ = JobRun.objects.filter(started_at__lt=now - timedelta(days=keep_days)).delete()
    return {"deleted": deleted, "interrupted": interrupted}
