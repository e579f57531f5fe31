"""``millejours outreach status --format json`` and the outreach page show the same figures."""

import io
import json
from datetime import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from millejours.outreach.models import MessageStatus, OutboundMessage
from tests.outreach.conftest import PARIS, make_contact
from tests.outreach.helpers import people, run_command, write

pytestmark = pytest.mark.django_db


def status_json() -> dict:
    out = io.StringIO()
    call_command("outreach", "status", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def add_messages(contact, *statuses):
    for i, status in enumerate(statuses):
        OutboundMessage.objects.create(
            idempotency_key=f"k{i}",
            contact=contact,
            channel="sms",
            recipient="+33612345678",
            body="…",
            status=status,
            not_before=timezone.now(),
        )


def test_status_counts_messages_in_four_groups():
    assert status_json() == {"queued": 0, "sent": 0, "failed": 0, "to_check": 0}
    add_messages(
        make_contact(),
        MessageStatus.QUEUED,
        MessageStatus.SENDING,
        MessageStatus.SENT,
        MessageStatus.DELIVERED,
        MessageStatus.DELIVERED,
        MessageStatus.FAILED,
        MessageStatus.TO_CHECK,
        MessageStatus.CANCELLED,
    )
    assert status_json() == {"queued": 2, "sent": 3, "failed": 1, "to_check": 1}


def test_the_outreach_page_shows_the_same_figures(login, coordinator):
    add_messages(make_contact(), MessageStatus.SENT, MessageStatus.SENT, MessageStatus.FAILED)
    html = login(coordinator).get(reverse("outreach:home")).content.decode()
    figures = status_json()
    assert f'<th scope="row">Envoyés</th><td>{figures["sent"]}</td>' in html
    assert f'<th scope="row">En échec</th><td>{figures["failed"]}</td>' in html
    assert '<th scope="row">À vérifier auprès de l&#x27;opérateur</th><td>0</td>' in html


def test_an_import_queues_the_welcome_messages_at_once_within_the_sequence_hours(
    sequence, tmp_path, commune
):
    saturday_night = datetime(2026, 3, 7, 22, 0, tzinfo=PARIS)
    with time_machine.travel(saturday_night, tick=False):
        result = run_command(write(tmp_path, people(3)))
        assert result["created"] == 3
        assert status_json()["queued"] == 3
        welcome = OutboundMessage.objects.filter(step__stage="declaration")
        assert welcome.count() == 3
        assert {m.not_before for m in welcome} == {
            datetime(2026, 3, 9, 9, 0, tzinfo=PARIS)
        }  # Monday 9:00


def test_a_dry_run_import_queues_nothing(sequence, tmp_path, commune):
    run_command(write(tmp_path, people(2)), "--dry-run")
    assert not OutboundMessage.objects.exists()


def test_on_a_fresh_platform_the_import_sets_up_the_default_sequence_and_plans(tmp_path, commune):
    from millejours.outreach.models import Sequence
    from millejours.outreach.services import DEFAULT_SEQUENCE_NAME

    assert not Sequence.objects.exists()
    with time_machine.travel(
        datetime(2026, 3, 3, 10, 0, tzinfo=PARIS), tick=False
    ):  # a Tuesday morning
        run_command(write(tmp_path, people(2)))
        assert Sequence.objects.get().name == DEFAULT_SEQUENCE_NAME
        assert (
            status_json()["queued"]
            == OutboundMessage.objects.filter(step__stage="declaration").count()
            == 2
        )


def test_a_deactivated_sequence_is_respected(sequence, tmp_path, commune):
    sequence.active = False
    sequence.save()
    run_command(write(tmp_path, people(2)))
    assert status_json()["queued"] == 0
