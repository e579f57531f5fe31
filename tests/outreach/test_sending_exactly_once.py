"""The outbox against a local fake SMS operator: exactly once, retries, time-outs, crashes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from millejours.outreach import sending
from millejours.outreach.backends import FileBackend, HttpSmsBackend
from millejours.outreach.models import MessageStatus, OutboundMessage
from millejours.outreach.planner import plan_messages

from .conftest import make_contact

pytestmark = pytest.mark.django_db(transaction=True)


def test_due_messages_are_sent_once_with_their_idempotency_key(operator, sequence, contact):
    assert plan_messages() == 1
    stats = sending.send_pending()
    assert stats.sent == 1
    message = OutboundMessage.objects.get()
    assert message.status == MessageStatus.SENT
    assert operator.deliveries == [message.idempotency_key]
    request = operator.requests[0]
    assert request["key"] == message.idempotency_key
    assert request["auth"] == "Bearer jeton-de-test"
    assert request["to"] == "+33612345678"
    assert "/aller-vers/d/" in request["text"] and "Camille" in request["text"]
    assert sending.send_pending().sent == 0  # nothing left
    assert len(operator.requests) == 1


def test_planning_twice_queues_nothing_new(operator, sequence, contact):
    assert plan_messages() == 1
    assert plan_messages() == 0


def test_a_server_error_is_retried_with_exponential_backoff(
    operator, sequence, contact, tuesday_morning
):
    operator.script = ["500", "500"]
    plan_messages()
    assert sending.send_pending().retried == 1
    message = OutboundMessage.objects.get()
    assert (message.status, message.attempts) == (MessageStatus.QUEUED, 1)
    assert message.not_before - timezone.now() > timedelta(seconds=50)
    tuesday_morning.shift(timedelta(seconds=61))
    assert sending.send_pending().retried == 1
    message.refresh_from_db()
    assert message.not_before - timezone.now() > timedelta(seconds=110)  # 2 × base
    tuesday_morning.shift(timedelta(seconds=121))
    assert sending.send_pending().sent == 1
    assert len(operator.deliveries) == 1


def test_a_slow_operator_times_out_and_the_retry_is_not_delivered_twice(
    operator, sequence, contact, tuesday_morning
):
    operator.script = ["slow"]
    plan_messages()
    assert sending.send_pending().retried == 1  # time-out after 0.5 s; the operator did get it
    tuesday_morning.shift(timedelta(minutes=2))
    assert sending.send_pending().sent == 1
    assert len(operator.requests) == 2
    assert len(operator.deliveries) == 1  # the key made the retry harmless


def test_a_client_error_is_permanent(operator, sequence, contact):
    operator.script = ["400"]
    plan_messages()
    assert sending.send_pending().failed == 1
    assert OutboundMessage.objects.get().status == MessageStatus.FAILED


def test_attempts_are_bounded(operator, sequence, contact, tuesday_morning, settings):
    settings.OUTREACH_MAX_ATTEMPTS = 2
    operator.script = ["500", "500", "500"]
    plan_messages()
    sending.send_pending()
    tuesday_morning.shift(timedelta(minutes=5))
    assert sending.send_pending().failed == 1
    assert OutboundMessage.objects.get().status == MessageStatus.FAILED


def _crash_after(stage, operator):
    """A worker claims, (maybe) sends, then dies before marking the message sent."""
    claimed = sending.claim_batch()
    assert len(claimed) == 1
    if stage == "after_send":
        HttpSmsBackend().send(claimed[0])
    return claimed[0]


@pytest.mark.parametrize("stage", ["before_send", "after_send"])
def test_a_killed_worker_never_double_sends_nor_loses_a_message(
    operator, sequence, contact, tuesday_morning, stage
):
    plan_messages()
    _crash_after(stage, operator)
    # Restarted at once: the claim is still leased, nothing is touched.
    assert sending.send_pending().sent == 0
    assert OutboundMessage.objects.get().status == MessageStatus.SENDING
    # After the lease: the operator is asked whether it received the key.
    tuesday_morning.shift(timedelta(minutes=6))
    stats = sending.send_pending()
    message = OutboundMessage.objects.get()
    assert message.status == MessageStatus.SENT
    assert len(operator.deliveries) == 1
    if stage == "after_send":
        assert stats.recovered["envoye"] == 1 and stats.sent == 0
    else:
        assert stats.recovered["reprise"] == 1 and stats.sent == 1


def test_a_backend_that_cannot_tell_leaves_the_message_to_check(
    settings, sequence, contact, tuesday_morning, tmp_path
):
    settings.OUTREACH_SMS_BACKEND = "millejours.outreach.backends.ConsoleBackend"
    plan_messages()
    sending.claim_batch()
    tuesday_morning.shift(timedelta(minutes=6))
    stats = sending.send_pending()
    assert stats.recovered["a_verifier"] == 1
    assert OutboundMessage.objects.get().status == MessageStatus.TO_CHECK


def test_two_workers_never_claim_the_same_message(operator, sequence, tuesday_morning):
    for _ in range(6):
        make_contact()
    plan_messages()
    first = sending.claim_batch(limit=4)
    second = sending.claim_batch(limit=4)
    assert len(first) == 4 and len(second) == 2
    assert not {m.pk for m in first} & {m.pk for m in second}


def test_the_default_file_backend_records_each_key_once(settings, sequence, contact, tmp_path):
    settings.OUTREACH_SMS_BACKEND = "millejours.outreach.backends.FileBackend"
    settings.OUTREACH_FILE_PATH = str(tmp_path / "outbox.jsonl")
    plan_messages()
    assert sending.send_pending().sent == 1
    message = OutboundMessage.objects.get()
    assert FileBackend().lookup(message.idempotency_key) is True
    FileBackend().send(message)
    assert len((tmp_path / "outbox.jsonl").read_text().splitlines()) == 1


def test_email_steps_go_through_django_mail(settings, sequence, contact, mailoutbox):
    sequence.steps.update(channel="email", subject="Bienvenue")
    plan_messages()
    assert sending.send_pending().sent == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [contact.email]
    assert (
        mailoutbox[0].extra_headers["X-Idempotency-Key"]
        == OutboundMessage.objects.get().idempotency_key
    )


def test_no_email_is_planned_to_an_address_the_provider_reported_as_bouncing(sequence, contact):
    sequence.steps.update(channel="email", subject="Bienvenue")
    type(contact).objects.filter(pk=contact.pk).update(email_bouncing_at=timezone.now())
    assert plan_messages() == 0
    sequence.steps.update(channel="sms")
    assert plan_messages() == 1  # the phone still works
