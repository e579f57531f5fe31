"""Reads of the ops domain: the jobs overview and the health report."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Count, Max, Q
from django.utils import timezone

from millejours.outreach.models import MessageStatus, OutboundMessage

from .jobs import JOBS
from .models import Heartbeat, JobRun


def jobs_overview() -> list[dict[str, Any]]:
    """``jobs list``: every job with its schedule (cron) and its last run."""
    rows = []
    for job in JOBS:
        last = JobRun.objects.filter(job=job.name).order_by("-started_at").first()
        rows.append(
            {
                "name": job.name,
                "schedule": job.schedule.cron,
                "last_run": last.started_at.isoformat() if last else None,
                "last_status": last.status if last else None,
                "description": job.description,
                "schedule_text": job.schedule.describe(),
            }
        )
    return rows


def _check_database() -> dict[str, Any]:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


@lru_cache(maxsize=1)
def migrations_on_disk() -> frozenset[tuple[str, str]]:
    """The migrations of the running code (read once: the code does not change under a process)."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


def _applied_migrations() -> set[tuple[str, str]]:
    """Like ``MigrationRecorder.applied_migrations()`` without its table introspection query
    on every call: the table is only looked for when reading it failed."""
    recorder = MigrationRecorder(connections[DEFAULT_DB_ALIAS])
    try:
        return set(recorder.migration_qs.values_list("app", "name"))
    except DatabaseError:
        if recorder.has_table():
            raise
        return set()


def _check_migrations() -> dict[str, Any]:
    unapplied = migrations_on_disk() - _applied_migrations()
    return {"ok": not unapplied, "unapplied": len(unapplied)}


def _heartbeat(beat_at: datetime | None, max_minutes: int, now: datetime) -> dict[str, Any]:
    if beat_at is None:
        return {"ok": False, "last_seen": None}
    age = (now - beat_at).total_seconds()
    return {
        "ok": age <= max_minutes * 60,
        "last_seen": beat_at.isoformat(),
        "age_seconds": int(age),
    }


def _check_scheduler(beat_at: datetime | None, now: datetime) -> dict[str, Any]:
    check = _heartbeat(beat_at, settings.MILLEJOURS_HEALTH_SCHEDULER_MINUTES, now)
    runs = JobRun.objects.aggregate(
        last=Max("started_at"),
        failed=Count("pk", filter=Q(status="failed", started_at__gte=now - timedelta(days=1))),
    )
    check["last_run"] = runs["last"].isoformat() if runs["last"] else None
    check["failed_last_day"] = runs["failed"]
    return check


def _check_outbox(now: datetime) -> dict[str, Any]:
    late_limit = now - timedelta(minutes=settings.MILLEJOURS_HEALTH_OUTBOX_LATE_MINUTES)
    queued = OutboundMessage.objects.filter(status=MessageStatus.QUEUED).aggregate(
        backlog=Count("pk"), late=Count("pk", filter=Q(not_before__lt=late_limit))
    )
    return {"ok": queued["late"] == 0, "backlog": queued["backlog"], "late": queued["late"]}


class _Beats:
    """The two heartbeats, read in one query when the first of them is asked for."""

    def __init__(self) -> None:
        self._beats: dict[str, datetime] | None = None

    def __getitem__(self, name: str) -> datetime | None:
        if self._beats is None:
            rows = Heartbeat.objects.filter(name__in=("worker", "scheduler"))
            self._beats = dict(rows.values_list("name", "beat_at"))
        return self._beats.get(name)


def health_report(now: datetime | None = None) -> dict[str, Any]:
    """Every check of ``/sante/``: figures and dates only, never a person's data."""
    now = now or timezone.now()
    checks: dict[str, dict[str, Any]] = {}
    try:
        checks["database"] = _check_database()
    except Exception as exc:  # noqa: BLE001 — the page must answer even without a database
        checks["database"] = {"ok": False, "error": exc.__class__.__name__}
        return {"status": "error", "checks": checks}
    beats = _Beats()
    worker_minutes = settings.MILLEJOURS_HEALTH_WORKER_MINUTES
    for name, check in (
        ("migrations", _check_migrations),
        ("worker", lambda: _heartbeat(beats["worker"], worker_minutes, now)),
        ("scheduler", lambda: _check_scheduler(beats["scheduler"], now)),
        ("outbox", lambda: _check_outbox(now)),
    ):
        try:
            checks[name] = check()
        except Exception as exc:  # noqa: BLE001
            checks[name] = {"ok": False, "error": exc.__class__.__name__}
    status = "ok" if all(c["ok"] for c in checks.values()) else "error"
    return {"status": status, "checks": checks}
