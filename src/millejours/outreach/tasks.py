"""Background tasks (django-tasks, database backend: ``millejours db_worker``).

Launching outreach's tasks happens here only: the import steps (``batch_start_preview``,
``batch_start_commit``: inline for a small file, queued after the commit otherwise) and
the messages. The calendar of imported pregnancies is computed by pathway's task
(``pathway.tasks.materialise_pregnancies``, queued by pathway's declaration services).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django_tasks import task
from django_tasks.base import Task

from millejours.accounts.models import User

from .imports import batch_commit, batch_confirm, batch_preview
from .models import ImportBatch
from .planner import plan_messages
from .sending import send_pending


@task()
def import_preview(batch_id: int) -> None:
    batch_preview(batch_id)


@task()
def import_commit(batch_id: int) -> None:
    batch_commit(batch_id)


@task()
def plan_and_send() -> dict[str, Any]:
    """Queue the due messages, then send one pass of the outbox."""
    queued = plan_messages()
    stats = send_pending(limit=1000)
    return {"queued": queued, "sent": stats.sent, "failed": stats.failed}


def _run(step: Task[[int], None], batch: ImportBatch) -> None:
    if batch.total_rows <= settings.OUTREACH_INLINE_IMPORT_ROWS:
        step.call(batch.pk)
    else:
        transaction.on_commit(lambda: step.enqueue(batch.pk))


def batch_start_preview(batch: ImportBatch) -> None:
    _run(import_preview, batch)


def batch_start_commit(*, batch: ImportBatch, user: User) -> bool:
    """Start writing a previewed import (once); False when it is not in the preview state."""
    if not batch_confirm(batch=batch, user=user):
        return False
    _run(import_commit, batch)
    return True
