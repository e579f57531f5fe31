"""STOP replies and the opt-out link take effect at once; receipts need the shared secret."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.outreach import sending
from millejours.outreach.models import MessageStatus, OutboundMessage, Recontact, RecontactKind
from millejours.outreach.planner import plan_messages
from millejours.outreach.views import SIGNATURE_HEADER, sign

pytestmark = pytest.mark.django_db

SECRET = "secret-partage-de-test"


@pytest.fixture(autouse=True)
def _secret(settings, tmp_path):
    settings.OUTREACH_WEBHOOK_SECRET = SECRET
    settings.OUTREACH_FILE_PATH = str(tmp_path / "outbox.jsonl")


def post_signed(client, name, payload, secret=SECRET):
    body = json.dumps({"timestamp": int(timezone.now().timestamp()), **payload}).encode()
    return client.post(
        reverse(f"outreach:{name}"),
        body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: sign(body, secret)},
    )


def test_a_stop_reply_opts_out_and_cancels_queued_messages(client, sequence, contact):
    plan_messages()
    response = post_signed(client, "webhook_inbound", {"from": "06 12 34 56 78", "text": "Stop"})
    assert response.json()["status"] == "desinscrit"
    contact.refresh_from_db()
    assert contact.opted_out_at is not None and contact.opt_out_channel == "sms_stop"
    assert OutboundMessage.objects.get().status == MessageStatus.CANCELLED


def test_stop_takes_effect_even_for_a_message_already_claimed(client, sequence, contact):
    plan_messages()
    claimed = sending.claim_batch()
    post_signed(client, "webhook_inbound", {"from": "+33612345678", "text": "ARRÊT"})
    assert sending.process(claimed[0], backend=None) == MessageStatus.CANCELLED
    assert OutboundMessage.objects.get().cancel_reason == "desinscription"


def test_stopped_contacts_are_not_planned_again(client, sequence, contact):
    post_signed(client, "webhook_inbound", {"from": "+33612345678", "text": "STOP"})
    assert plan_messages() == 0


def test_another_reply_is_a_recontact_after_the_message(client, sequence, contact):
    plan_messages()
    sending.send_pending()
    response = post_signed(
        client,
        "webhook_inbound",
        {"from": "+33612345678", "text": "Oui je veux bien un rendez-vous"},
    )
    assert response.json()["status"] == "recontact"
    recontact = Recontact.objects.get()
    assert recontact.kind == RecontactKind.REPLY
    assert recontact.after_message and recontact.first_child
    assert recontact.message == OutboundMessage.objects.get()


@pytest.mark.parametrize("name", ["webhook_inbound", "webhook_receipt"])
def test_webhooks_refuse_a_wrong_signature(client, contact, name):
    response = post_signed(client, name, {"from": "+33612345678", "text": "STOP"}, secret="mauvais")
    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.opted_out_at is None


def test_webhooks_are_closed_without_a_configured_secret(client, contact, settings):
    settings.OUTREACH_WEBHOOK_SECRET = ""
    assert (
        post_signed(
            client, "webhook_inbound", {"from": "+33612345678", "text": "STOP"}, secret=""
        ).status_code
        == 403
    )


def test_a_delivery_receipt_marks_the_message_delivered(client, sequence, contact):
    plan_messages()
    sending.send_pending()
    message = OutboundMessage.objects.get()
    response = post_signed(
        client,
        "webhook_receipt",
        {"idempotency_key": message.idempotency_key, "status": "delivered"},
    )
    assert response.json() == {"updated": 1}
    message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED and message.delivered_at


def test_the_opt_out_link_asks_then_opts_out(client, sequence, contact):
    plan_messages()
    url = reverse("outreach:optout", args=[contact.token])
    page = client.get(url)
    assert "Ne plus recevoir de messages" in page.content.decode()
    contact.refresh_from_db()
    assert contact.opted_out_at is None  # a GET (link preview) changes nothing
    client.post(url)
    contact.refresh_from_db()
    assert contact.opted_out_at is not None and contact.opt_out_channel == "lien"
    assert OutboundMessage.objects.get().status == MessageStatus.CANCELLED


def test_an_unknown_opt_out_token_is_404(client, db):
    assert client.get(reverse("outreach:optout", args=["inconnu"])).status_code == 404
