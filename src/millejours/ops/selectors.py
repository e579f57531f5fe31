"""Reads of the ops domain: the jobs overview and the health report."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

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


def _check_migrations() -> dict[str, Any]:
    applied = set(MigrationRecorder(connections[DEFAULT_DB_ALIAS]).applied_migrations())
    return {"ok": migrations_on_disk() <= applied, "unapplied": len(migrations_on_disk() - applied)}


def _heartbeat(name: str, max_minutes: int, now: datetime) -> dict[str, Any]:
    beat = Heartbeat.objects.filter(name=name).first()
    if beat is None:
        return {"ok": False, "last_seen": None}
    age = (now - beat.beat_at).total_seconds()
    return {
        "ok": age <= max_minutes * 60,
        "last_seen": beat.beat_at.isoformat(),
        "age_seconds": int(age),
    }


def _check_scheduler(now: datetime) -> dict[str, Any]:
    check = _heartbeat("scheduler", settings.MILLEJOURS_HEALTH_SCHEDULER_MINUTES, now)
    last = JobRun.objects.order_by("-started_at").values("started_at").first()
    check["last_run"] = last["started_at"].isoformat() if last else None
    check["failed_last_day"] = JobRun.objects.filter(
        status="failed", started_at__gte=now - timedelta(days=1)
    ).count()
    return check


def _check_outbox(now: datetime) -> dict[str, Any]:
    from millejours.outreach.models import MessageStatus, OutboundMessage

    late_limit = now - timedelta(minutes=settings.MILLEJOURS_HEALTH_OUTBOX_LATE_MINUTES)
    queued = OutboundMessage.objects.filter(status=MessageStatus.QUEUED)
    late = queued.filter(not_before__lt=late_limit).count()
    return {"ok": late == 0, "backlog": queued.count(), "late": late}


def health_report(now: datetime | None = None) -> dict[str, Any]:
    """Every check of ``/sante/``: figures and dates only, never a person's data."""
    now = now or timezone.now()
    checks: dict[str, dict[str, Any]] = {}
    try:
        checks["database"] = _check_database()
    except Exception as exc:  # noqa: BLE001 — the page must answer even without a database
        checks["database"] = {"ok": False, "error": exc.__class__.__name__}
        return {"status": "error", "checks": checks}
    for name, check in (
        ("migrations", _check_migrations),
        ("worker", lambda: _heartbeat("worker", settings.MILLEJOURS_HEALTH_WORKER_MINUTES, now)),
        ("scheduler", lambda: _check_scheduler(now)),
        ("outbox", lambda: _check_outbox(now)),
    ):
        try:
            checks[name] = check()
        except Exception as exc:  # noqa: BLE001
            checks[name] = {"ok": False, "error": exc.__class__.__name__}
    status = "ok" if all(c["ok"] for c in checks.values()) else "error"
    return {"status": status, "checks": checks}
