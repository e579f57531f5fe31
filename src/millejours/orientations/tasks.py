"""Background tasks of the orientations domain (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_orientation_reminders() -> int:
    """Remind partners of unanswered orientations (``MILLEJOURS_ORIENTATION_REMINDER_DAYS``)."""
    from .services import orientation_send_reminders

    return orientation_send_reminders()
