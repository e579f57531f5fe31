"""Webhooks refuse replays: the signed body carries its time, and each event id counts once."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.outreach import sending
from millejours.outreach.models import MessageStatus, OutboundMessage, Recontact
from millejours.outreach.planner import plan_messages
from millejours.outreach.views import SIGNATURE_HEADER, sign

pytestmark = pytest.mark.django_db

SECRET = "secret-partage-de-test"


@pytest.fixture(autouse=True)
def _secret(settings, tmp_path):
    settings.OUTREACH_WEBHOOK_SECRET = SECRET
    settings.OUTREACH_WEBHOOK_TOLERANCE = 300
    settings.OUTREACH_FILE_PATH = str(tmp_path / "outbox.jsonl")


def signed_post(client, name, payload):
    body = json.dumps(payload).encode()
    return client.post(
        reverse(f"outreach:{name}"),
        body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: sign(body, SECRET)},
    )


def now() -> int:
    return int(timezone.now().timestamp())


def test_a_replayed_reply_is_refused_and_recorded_once(client, sequence, contact):
    plan_messages()
    sending.send_pending()
    payload = {
        "from": "+33612345678",
        "text": "Oui, rappelez-moi",
        "timestamp": now(),
        "event_id": "evt-1",
    }
    assert signed_post(client, "webhook_inbound", payload).json() == {"status": "recontact"}
    replay = signed_post(client, "webhook_inbound", payload)
    assert replay.status_code == 409 and replay.json() == {"status": "deja_recu"}
    assert Recontact.objects.count() == 1


def test_without_an_event_id_the_same_signed_body_counts_once(client, sequence, contact):
    plan_messages()
    sending.send_pending()
    payload = {"from": "+33612345678", "text": "Oui", "timestamp": now()}
    signed_post(client, "webhook_inbound", payload)
    assert signed_post(client, "webhook_inbound", payload).status_code == 409
    assert Recontact.objects.count() == 1


def test_a_call_without_a_timestamp_is_refused(client, contact):
    response = signed_post(client, "webhook_inbound", {"from": "+33612345678", "text": "STOP"})
    assert response.status_code == 400
    contact.refresh_from_db()
    assert contact.opted_out_at is None


@pytest.mark.parametrize("offset", [-301, 301])
def test_a_call_outside_the_tolerance_window_is_refused(client, contact, offset):
    payload = {"from": "+33612345678", "text": "STOP", "timestamp": now() + offset}
    response = signed_post(client, "webhook_inbound", payload)
    assert response.status_code == 400
    assert "fenêtre" in response.content.decode()
    contact.refresh_from_db()
    assert contact.opted_out_at is None


def test_an_iso_timestamp_inside_the_window_is_accepted(client, contact):
    stamp = (timezone.now() - timedelta(seconds=60)).isoformat()
    response = signed_post(
        client, "webhook_inbound", {"from": "+33612345678", "text": "STOP", "timestamp": stamp}
    )
    assert response.json()["status"] == "desinscrit"


def test_a_replayed_delivery_receipt_cannot_overwrite_a_later_failure(client, sequence, contact):
    plan_messages()
    sending.send_pending()
    message = OutboundMessage.objects.get()
    delivered = {
        "idempotency_key": message.idempotency_key,
        "status": "delivered",
        "timestamp": now(),
        "event_id": "rcpt-1",
    }
    assert signed_post(client, "webhook_receipt", delivered).json() == {"updated": 1}
    failed = {**delivered, "status": "failed", "event_id": "rcpt-2"}
    signed_post(client, "webhook_receipt", failed)
    assert signed_post(client, "webhook_receipt", delivered).status_code == 409
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED


def test_a_refused_call_is_not_remembered(client, contact):
    bad = {"from": "pas un numéro", "text": "STOP", "timestamp": now(), "event_id": "evt-9"}
    assert signed_post(client, "webhook_inbound", bad).status_code == 400
    good = {**bad, "from": "+33612345678"}
    assert signed_post(client, "webhook_inbound", good).json()["status"] == "desinscrit"
