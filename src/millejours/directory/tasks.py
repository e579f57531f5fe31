"""Background tasks of the directory (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from .reminders import send_check_reminders


@task()
def remind_stale_services() -> int:
    """E-mail the structures whose services have not been checked for too long."""
    return send_check_reminders()
