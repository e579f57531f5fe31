"""Background tasks of the orientations domain (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from .services import orientation_send_reminders


@task()
def send_orientation_reminders() -> int:
    """Remind partners of unanswered orientations (``MILLEJOURS_ORIENTATION_REMINDER_DAYS``)."""
    return orientation_send_reminders()
