"""Brevo and OVHcloud adapters against local fakes of their public APIs: sending, receipts, STOP."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.outreach import sending
from millejours.outreach.backends import PermanentFailure
from millejours.outreach.models import MessageStatus, OutboundMessage, Recontact
from millejours.outreach.operators import ovh
from millejours.outreach.planner import plan_messages

from .fake_operators import FakeBrevo, FakeOvh

pytestmark = pytest.mark.django_db
TOKEN = "jeton-operateur-de-test"


@pytest.fixture(autouse=True)
def _token(settings):
    settings.OUTREACH_OPERATOR_WEBHOOK_TOKEN = TOKEN
    settings.OUTREACH_WEBHOOK_TOLERANCE = 300
    settings.OUTREACH_SMS_TIMEOUT = 2


@pytest.fixture
def brevo(settings):
    with FakeBrevo() as fake:
        settings.OUTREACH_SMS_BACKEND = "millejours.outreach.operators.brevo.Backend"
        settings.OUTREACH_BREVO_URL = fake.base + FakeBrevo.PATH
        settings.OUTREACH_BREVO_API_KEY = FakeBrevo.API_KEY
        yield fake


@pytest.fixture
def ovhcloud(settings):
    with FakeOvh() as fake:
        settings.OUTREACH_SMS_BACKEND = "millejours.outreach.operators.ovh.Backend"
        settings.OUTREACH_OVH_ENDPOINT = fake.base + "/1.0"
        settings.OUTREACH_OVH_APPLICATION_KEY = FakeOvh.APP_KEY
        settings.OUTREACH_OVH_APPLICATION_SECRET = FakeOvh.APP_SECRET
        settings.OUTREACH_OVH_CONSUMER_KEY = FakeOvh.CONSUMER
        settings.OUTREACH_OVH_SERVICE_NAME = FakeOvh.SERVICE
        yield fake


def send_one() -> OutboundMessage:
    plan_messages()
    stats = sending.send_pending()
    assert stats.sent == 1, (stats, list(OutboundMessage.objects.values("last_error", "body")))
    return OutboundMessage.objects.get()


def brevo_hook(client, payload, token=TOKEN):
    return client.post(
        reverse("outreach:webhook_operator", args=["brevo"]),
        json.dumps(payload),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def ovh_hook(client, token=TOKEN, **params):
    return client.get(
        reverse("outreach:webhook_operator", args=["ovh"]), {"jeton": token, **params}
    )


# --- Brevo ----------------------------------------------------------------------------------------


def test_brevo_receives_the_documented_payload_and_its_message_id_is_kept(brevo, sequence, contact):
    message = send_one()
    [sent] = brevo.received
    assert sent["recipient"] == "33612345678" and sent["type"] == "transactional"
    assert sent["tag"] == message.idempotency_key and sent["content"] == message.body
    assert message.status == MessageStatus.SENT and message.provider_id == str(sent["messageId"])


def test_a_wrong_brevo_key_is_a_permanent_failure(brevo, settings, sequence, contact):
    settings.OUTREACH_BREVO_API_KEY = "xkeysib-faux"
    plan_messages()
    sending.send_pending()
    assert OutboundMessage.objects.get().status == MessageStatus.FAILED
    assert brevo.refused == ["api-key"]


def test_brevo_delivery_receipt_is_applied_once(client, brevo, sequence, contact):
    message = send_one()
    event = FakeBrevo.event(int(message.provider_id), "delivered")
    assert brevo_hook(client, event).json() == {"events": [{"updated": 1}]}
    message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED and message.delivered_at
    failed = FakeBrevo.event(int(message.provider_id), "hard_bounce")
    assert brevo_hook(client, failed).status_code == 200
    assert (
        brevo_hook(client, event).status_code == 409
    )  # the replayed « delivered » changes nothing
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED


def test_a_stale_or_unauthenticated_brevo_call_is_refused(client, brevo, sequence, contact):
    message = send_one()
    stale = FakeBrevo.event(
        int(message.provider_id), "delivered", ts=int(timezone.now().timestamp()) - 3600
    )
    assert brevo_hook(client, stale).status_code == 400
    assert (
        brevo_hook(
            client, FakeBrevo.event(int(message.provider_id), "delivered"), token="faux"
        ).status_code
        == 403
    )
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


def test_a_brevo_stop_reply_opts_the_contact_out(client, brevo, sequence, contact):
    message = send_one()
    reply = FakeBrevo.event(int(message.provider_id), "reply", reply="Stop")
    assert brevo_hook(client, reply).json() == {
        "events": [{"status": "desinscrit", "cancelled": 0}]
    }
    contact.refresh_from_db()
    assert contact.opted_out_at is not None and contact.opt_out_channel == "sms_stop"


def test_a_brevo_reply_other_than_stop_is_a_recontact(client, brevo, sequence, contact):
    message = send_one()
    brevo_hook(client, FakeBrevo.event(int(message.provider_id), "reply", reply="Oui rappelez-moi"))
    assert Recontact.objects.get().message == message


# --- OVHcloud -------------------------------------------------------------------------------------


def test_ovh_jobs_are_signed_and_tagged_with_the_idempotency_key(ovhcloud, sequence, contact):
    message = send_one()
    [job] = ovhcloud.received
    assert job["receivers"] == ["+33612345678"] and job["tag"] == message.idempotency_key
    assert job["noStopClause"] is False and job["charset"] == "UTF-8"
    assert message.provider_id == str(job["id"]) and not ovhcloud.refused


def test_ovh_lookup_finds_a_job_by_its_tag(ovhcloud, sequence, contact):
    message = send_one()
    backend = ovh.Backend()
    assert backend.lookup(message.idempotency_key) is True
    assert backend.lookup("jamais-envoye") is False


def test_a_wrong_ovh_secret_is_refused_by_the_api(ovhcloud, settings, sequence, contact):
    settings.OUTREACH_OVH_APPLICATION_SECRET = "mauvais"
    plan_messages()
    sending.send_pending()
    assert OutboundMessage.objects.get().status == MessageStatus.FAILED
    assert ovhcloud.refused == ["signature"]


def test_an_invalid_receiver_is_a_permanent_failure(ovhcloud, sequence, contact):
    class Msg:
        recipient, body, idempotency_key = "0612345678", "Bonjour", "k-1"

    with pytest.raises(PermanentFailure):
        ovh.Backend().send(Msg())


def test_ovh_delivery_report_is_applied_once(client, ovhcloud, sequence, contact):
    message = send_one()
    report = {
        "id": message.provider_id,
        "dlr": "1",
        "receiver": "+33612345678",
        "ptt": "13",
        "description": "Delivered",
        "date": timezone.now().isoformat(),
    }
    assert ovh_hook(client, **report).json() == {"events": [{"updated": 1}]}
    assert ovh_hook(client, **report).status_code == 409
    assert ovh_hook(client, **{**report, "dlr": "4"}).json() == {
        "events": []
    }  # buffered: not final
    message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED


def test_ovh_callbacks_need_the_token_and_a_fresh_date(client, ovhcloud, sequence, contact):
    message = send_one()
    report = {"id": message.provider_id, "dlr": "16", "description": "Not delivered"}
    assert ovh_hook(client, token="faux", **report).status_code == 403
    old = (timezone.now() - timezone.timedelta(hours=2)).isoformat()
    assert ovh_hook(client, date=old, **report).status_code == 400
    assert ovh_hook(client, date="hier", **report).status_code == 400
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert ovh_hook(client, **report).json() == {"events": [{"updated": 1}]}
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED and message.last_error == "Not delivered"


def test_an_ovh_stop_reply_opts_out_once(client, ovhcloud, sequence, contact):
    send_one()
    reply = {
        "id": "mo-77",
        "senderid": "+33612345678",
        "message": "STOP",
        "date": timezone.now().isoformat(),
    }
    assert ovh_hook(client, **reply).json()["events"][0]["status"] == "desinscrit"
    assert ovh_hook(client, **reply).status_code == 409
    contact.refresh_from_db()
    assert contact.opted_out_at is not None


def test_an_unknown_operator_is_404(client, db):
    assert client.post(reverse("outreach:webhook_operator", args=["inconnu"])).status_code == 404
