"""Background task run by ``millejours db_worker``: its heartbeat (see ``jobs.worker_heartbeat``)."""

from __future__ import annotations

from django_tasks import task


@task()
def heartbeat() -> str:
    from .services import beat

    return beat("worker").isoformat()
