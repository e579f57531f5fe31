"""Messages wait for the sequence's hours and weekdays (Europe/Paris), with frozen time."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from millejours.outreach import sending
from millejours.outreach.models import MessageStatus, OutboundMessage
from millejours.outreach.planner import is_allowed, next_allowed, plan_messages

from .conftest import make_contact

PARIS = ZoneInfo("Europe/Paris")
SATURDAY_22H = datetime(2026, 3, 7, 22, 0, tzinfo=PARIS)
MONDAY_9H = datetime(2026, 3, 9, 9, 0, tzinfo=PARIS)


def test_next_allowed_slot_skips_the_night_and_the_weekend():
    weekdays = [0, 1, 2, 3, 4]
    assert next_allowed(SATURDAY_22H, time(9), time(19), weekdays) == MONDAY_9H
    early = datetime(2026, 3, 3, 7, 30, tzinfo=PARIS)
    assert next_allowed(early, time(9), time(19), weekdays) == datetime(
        2026, 3, 3, 9, 0, tzinfo=PARIS
    )
    inside = datetime(2026, 3, 3, 12, 0, tzinfo=PARIS)
    assert next_allowed(inside, time(9), time(19), weekdays) == inside
    assert not is_allowed(datetime(2026, 3, 3, 19, 0, tzinfo=PARIS), time(9), time(19), weekdays)


def test_an_empty_weekday_list_means_every_day():
    assert is_allowed(datetime(2026, 3, 8, 10, 0, tzinfo=PARIS), time(9), time(19), [])


@pytest.mark.django_db(transaction=True)
def test_a_message_planned_on_saturday_night_leaves_on_monday_morning(sequence, settings, tmp_path):
    settings.OUTREACH_FILE_PATH = str(tmp_path / "outbox.jsonl")
    with time_machine.travel(SATURDAY_22H, tick=False):
        make_contact()
        assert plan_messages() == 1
        assert OutboundMessage.objects.get().not_before == MONDAY_9H
        assert sending.send_pending().sent == 0
    with time_machine.travel(datetime(2026, 3, 9, 8, 59, tzinfo=PARIS), tick=False):
        assert sending.send_pending().sent == 0
    with time_machine.travel(datetime(2026, 3, 9, 9, 5, tzinfo=PARIS), tick=False):
        assert sending.send_pending().sent == 1
        assert OutboundMessage.objects.get().sent_at == timezone.now()


@pytest.mark.django_db(transaction=True)
def test_a_retry_falling_in_quiet_hours_is_deferred_without_counting_an_attempt(
    sequence, settings, tmp_path
):
    settings.OUTREACH_FILE_PATH = str(tmp_path / "outbox.jsonl")
    with time_machine.travel(datetime(2026, 3, 6, 18, 0, tzinfo=PARIS), tick=False):  # Friday
        make_contact()
        plan_messages()
    with time_machine.travel(datetime(2026, 3, 6, 20, 0, tzinfo=PARIS), tick=False):
        stats = sending.send_pending()
        assert stats.deferred == 1
        message = OutboundMessage.objects.get()
        assert (message.status, message.attempts, message.not_before) == (
            MessageStatus.QUEUED,
            0,
            MONDAY_9H,
        )
