"""Background tasks of the programme (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from .services.registrations import reminders_send


@task()
def send_session_reminders(days_before: int = 2) -> int:
    """Enqueue daily (or run ``millejours ateliers rappels``): reminders before sessions."""
    return reminders_send(days_before=days_before)
