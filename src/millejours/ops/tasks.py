"""Background task run by ``millejours db_worker``: its heartbeat (see ``jobs.worker_heartbeat``)."""

from __future__ import annotations

from django_tasks import task

from .services import beat


@task()
def heartbeat() -> str:
    return beat("worker").isoformat()
