"""Partners are reminded when an orientation stays unanswered for N days (setting)."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from millejours.orientations.models import Orientation, State
from millejours.orientations.services import orientation_send_reminders, orientation_transition
from millejours.orientations.tasks import send_orientation_reminders

from .helpers import orientation, partner_service


def _age(item, days):
    Orientation.objects.filter(pk=item.pk).update(sent_at=timezone.now() - timedelta(days=days))


def test_only_orientations_unanswered_for_n_days_are_reminded(family, sagefemme, partner, settings):
    settings.MILLEJOURS_ORIENTATION_REMINDER_DAYS = 5
    old = orientation(family, sagefemme, partner_service(partner))
    recent = orientation(family, sagefemme, partner_service(partner))
    answered = orientation(family, sagefemme, partner_service(partner))
    _age(old, 6)
    _age(recent, 2)
    _age(answered, 6)
    orientation_transition(orientation=answered, to_state=State.ACCEPTED, by=partner)
    mail.outbox.clear()
    assert orientation_send_reminders() == 1
    assert len(mail.outbox) == 1 and "relance" in mail.outbox[0].subject
    old.refresh_from_db()
    assert old.reminders_sent == 1
    # Not reminded again before another N days.
    assert orientation_send_reminders() == 0


def test_the_command_and_the_task_send_reminders(family, sagefemme, partner, settings):
    settings.MILLEJOURS_ORIENTATION_REMINDER_DAYS = 7
    item = orientation(family, sagefemme, partner_service(partner))
    _age(item, 8)
    out = StringIO()
    call_command("orientations", "remind", stdout=out)
    assert "1 relance(s) envoyée(s)." in out.getvalue()
    _age(item, 30)
    Orientation.objects.filter(pk=item.pk).update(
        last_reminder_at=timezone.now() - timedelta(days=8)
    )
    assert send_orientation_reminders.call() == 1
