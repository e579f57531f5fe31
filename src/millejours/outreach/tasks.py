"""Background tasks (django-tasks, database backend: ``millejours db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def import_preview(batch_id: int) -> None:
    from .imports import batch_preview

    batch_preview(batch_id)


@task()
def import_commit(batch_id: int) -> None:
    from .imports import batch_commit

    batch_commit(batch_id)


@task()
def plan_and_send() -> dict:
    """Queue the due messages, then send one pass of the outbox."""
    from .planner import plan_messages
    from .sending import send_pending

    queued = plan_messages()
    stats = send_pending(limit=1000)
    return {"queued": queued, "sent": stats.sent, "failed": stats.failed}


@task()
def materialise_pregnancies(pregnancy_ids: list[int]) -> None:
    """The calendar of imported pregnancies (``pathway.calendar.materialise``)."""
    from .importer import materialise_now

    materialise_now(pregnancy_ids)
