"""THE list of periodic jobs: every piece of daily work of the platform, with its schedule.

``millejours scheduler`` runs them (one process; a second one never runs a job twice),
``millejours jobs list`` shows them, ``millejours jobs run NAME`` runs one now. A job is a
function returning a JSON-serialisable summary; an exception marks the run as failed.
Jobs run inside the scheduler process, except ``worker_heartbeat`` which enqueues a task
for the background worker (``millejours db_worker``) so that the health page sees it alive.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from millejours.directory.datainclusion import import_feed
from millejours.directory.tasks import remind_stale_services
from millejours.indicators.snapshot import refresh as refresh_indicator_snapshot
from millejours.indicators.snapshot import refresh_steps as refresh_steps_snapshot
from millejours.orientations.tasks import send_orientation_reminders
from millejours.outreach.planner import plan_messages
from millejours.outreach.sending import send_pending
from millejours.pathway.tasks import refresh_milestone_states
from millejours.programme.tasks import send_session_reminders

from .schedules import Daily, Every, Monthly
from .services import prune_runs
from .tasks import heartbeat


@dataclass(frozen=True)
class Job:
    name: str
    schedule: Every | Daily | Monthly
    func: Callable[[], object]
    description: str


def calendar_refresh():
    """Milestone states for today (à venir → à faire → en retard) and the statistics."""
    return {"milestones": refresh_milestone_states.call()}


def outreach_plan():
    return {"queued": plan_messages()}


def outreach_send():
    """One pass of the outbox (messages are only claimed inside their sending hours)."""
    stats = send_pending(limit=1000)
    return {
        "sent": stats.sent,
        "retried": stats.retried,
        "failed": stats.failed,
        "deferred": stats.deferred,
    }


def session_reminders():
    return {"reminded": send_session_reminders.call()}


def orientation_reminders():
    return {"reminded": send_orientation_reminders.call()}


def directory_reminders():
    return {"services": remind_stale_services.call()}


def datainclusion_import():
    """Annuaire : services du territoire depuis l'API data·inclusion (local edits kept)."""
    return import_feed()


def _command(*args: str) -> Callable[[], object]:
    """A management command owned by another domain, called by name (its JSON output kept)."""

    def run():
        out = io.StringIO()
        call_command(*args, stdout=out)
        text = out.getvalue().strip()
        try:
            return json.loads(text) if text else {}
        except ValueError:
            return {"output": text[-2000:]}

    run.__name__ = "_".join(args)
    return run


def worker_heartbeat():
    """Enqueue a heartbeat for the background worker (it records it when it runs it)."""

    if DBTaskResult.objects.ready().filter(task_path=heartbeat.module_path).exists():
        return {"enqueued": None, "note": "un signal attend déjà le worker"}
    result = heartbeat.enqueue()
    return {"enqueued": str(result.id)}


def indicators_snapshot():
    """Pre-aggregated counts of the 1000-days indicators (this year and the previous one)
    and of the « Petits pas grands pas » dashboard (its three years)."""

    year = timezone.localdate().year
    result = refresh_indicator_snapshot([year - 1, year])
    refresh_steps_snapshot([year - 2, year - 1, year])
    return result


def catalogue_refresh() -> dict:
    """Catalogue régional : re-read the subscribed CPTS' fiche feeds (bounded, oldest first)."""
    from millejours.interop.feeds import refresh_subscriptions

    return refresh_subscriptions()


def jobruns_cleanup():
    return prune_runs()


JOBS: tuple[Job, ...] = (
    Job(
        "indicators_snapshot",
        Daily(time(3, 0)),
        indicators_snapshot,
        "Indicateurs : comptes pré-agrégés de l'année pour le tableau de bord",
    ),
    Job(
        "calendar_refresh",
        Daily(time(2, 0)),
        calendar_refresh,
        "Calendrier : états des étapes du jour et statistiques",
    ),
    Job("outreach_plan", Every(15), outreach_plan, "Aller vers : mettre en file les messages dus"),
    Job(
        "outreach_send",
        Every(5),
        outreach_send,
        "Aller vers : envoyer les messages en file (dans les heures d'envoi)",
    ),
    Job(
        "session_reminders",
        Daily(time(9, 0)),
        session_reminders,
        "Ateliers : rappels aux inscrits avant les séances",
    ),
    Job(
        "orientation_reminders",
        Daily(time(8, 30)),
        orientation_reminders,
        "Orientations : relance des partenaires sans réponse",
    ),
    Job(
        "directory_reminders",
        Monthly(1, time(8, 0)),
        directory_reminders,
        "Annuaire : rappel de vérification des fiches anciennes",
    ),
    Job(
        "datainclusion_import",
        Daily(time(5, 30)),
        datainclusion_import,
        "Annuaire : import des services du territoire depuis data·inclusion",
    ),
    Job(
        "accesslog_anchor",
        Daily(time(1, 0)),
        _command("accesslog", "anchor"),
        "Journal des accès : ancrage quotidien de la chaîne",
    ),
    Job(
        "retention_run",
        Daily(time(3, 0)),
        _command("retention", "run"),
        "Conservation : purge des données arrivées à échéance",
    ),
    Job(
        "catalogue_refresh",
        Daily(time(6, 0)),
        catalogue_refresh,
        "Catalogue régional : actualisation des flux de fiches des autres CPTS (par adresse)",
    ),
    Job("worker_heartbeat", Every(5), worker_heartbeat, "Signal de vie du worker (page /sante/)"),
    Job(
        "jobruns_cleanup",
        Daily(time(4, 0)),
        jobruns_cleanup,
        "Exploitation : oubli des exécutions de plus de 90 jours, clôture des exécutions interrompues",
    ),
)

BY_NAME: dict[str, Job] = {job.name: job for job in JOBS}
