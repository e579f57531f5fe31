"""THE list of periodic jobs: every piece of daily work of the platform, with its schedule.

``millejours scheduler`` runs them (one process; a second one never runs a job twice),
``millejours jobs list`` shows them, ``millejours jobs run NAME`` runs one now. A job is a
function returning a JSON-serialisable summary; an exception marks the run as failed.
Each job is declared where it is defined (``@job(schedule, description)``: its name is the
function's), in the order ``jobs list`` shows them.
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
from millejours.interop.feeds import refresh_subscriptions
from millejours.orientations.tasks import send_orientation_reminders
from millejours.outreach.planner import plan_messages
from millejours.outreach.sending import send_pending
from millejours.pathway.tasks import refresh_milestone_states
from millejours.programme.tasks import send_session_reminders

from .schedules import Daily, Every, Monthly
from .services import prune_runs
from .tasks import heartbeat

JobFunc = Callable[[], object]


@dataclass(frozen=True)
class Job:
    name: str
    schedule: Every | Daily | Monthly
    func: JobFunc
    description: str


_declared: list[Job] = []


def job(schedule: Every | Daily | Monthly, description: str) -> Callable[[JobFunc], JobFunc]:
    """Declare the decorated function as the periodic job named after it."""

    def declare(func: JobFunc) -> JobFunc:
        _declared.append(Job(func.__name__, schedule, func, description))
        return func

    return declare


@job(Daily(time(3, 0)), "Indicateurs : comptes pré-agrégés de l'année pour le tableau de bord")
def indicators_snapshot():
    """Pre-aggregated counts of the 1000-days indicators (this year and the previous one)
    and of the « Petits pas grands pas » dashboard (its three years)."""

    year = timezone.localdate().year
    result = refresh_indicator_snapshot([year - 1, year])
    refresh_steps_snapshot([year - 2, year - 1, year])
    return result


@job(Daily(time(2, 0)), "Calendrier : états des étapes du jour et statistiques")
def calendar_refresh():
    """Milestone states for today (à venir → à faire → en retard) and the statistics."""
    return {"milestones": refresh_milestone_states.call()}


@job(Every(15), "Aller vers : mettre en file les messages dus")
def outreach_plan():
    return {"queued": plan_messages()}


@job(Every(5), "Aller vers : envoyer les messages en file (dans les heures d'envoi)")
def outreach_send():
    """One pass of the outbox (messages are only claimed inside their sending hours)."""
    stats = send_pending(limit=1000)
    return {
        "sent": stats.sent,
        "retried": stats.retried,
        "failed": stats.failed,
        "deferred": stats.deferred,
    }


@job(Daily(time(9, 0)), "Ateliers : rappels aux inscrits avant les séances")
def session_reminders():
    return {"reminded": send_session_reminders.call()}


@job(Daily(time(8, 30)), "Orientations : relance des partenaires sans réponse")
def orientation_reminders():
    return {"reminded": send_orientation_reminders.call()}


@job(Monthly(1, time(8, 0)), "Annuaire : rappel de vérification des fiches anciennes")
def directory_reminders():
    return {"services": remind_stale_services.call()}


@job(Daily(time(5, 30)), "Annuaire : import des services du territoire depuis data·inclusion")
def datainclusion_import():
    """Annuaire : services du territoire depuis l'API data·inclusion (local edits kept)."""
    return import_feed()


def _command(*args: str) -> JobFunc:
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


accesslog_anchor = job(Daily(time(1, 0)), "Journal des accès : ancrage quotidien de la chaîne")(
    _command("accesslog", "anchor")
)
retention_run = job(Daily(time(3, 0)), "Conservation : purge des données arrivées à échéance")(
    _command("retention", "run")
)


@job(
    Daily(time(6, 0)),
    "Catalogue régional : actualisation des flux de fiches des autres CPTS (par adresse)",
)
def catalogue_refresh() -> dict:
    """Catalogue régional : re-read the subscribed CPTS' fiche feeds (bounded, oldest first)."""
    return refresh_subscriptions()


@job(Every(5), "Signal de vie du worker (page /sante/)")
def worker_heartbeat():
    """Enqueue a heartbeat for the background worker (it records it when it runs it)."""

    if DBTaskResult.objects.ready().filter(task_path=heartbeat.module_path).exists():
        return {"enqueued": None, "note": "un signal attend déjà le worker"}
    result = heartbeat.enqueue()
    return {"enqueued": str(result.id)}


@job(
    Daily(time(4, 0)),
    "Exploitation : oubli des exécutions de plus de 90 jours, clôture des exécutions interrompues",
)
def jobruns_cleanup():
    return prune_runs()


JOBS: tuple[Job, ...] = tuple(_declared)

BY_NAME: dict[str, Job] = {declared.name: declared for declared in JOBS}
