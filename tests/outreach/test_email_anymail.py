"""E-mail through django-anymail (an ESP configurable by settings) and bounces recorded from
the ESP's tracking webhook (Brevo's payload), applied once and only when authenticated."""

import base64
import json
import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from millejours.outreach.backends import EmailBackend
from millejours.outreach.models import MessageStatus, OutboundMessage

from .conftest import make_contact

pytestmark = pytest.mark.django_db
AUTH = "brevo:mot-de-passe-webhook"


@pytest.fixture
def esp(settings):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    settings.ANYMAIL = {"WEBHOOK_SECRET": AUTH}
    settings.OUTREACH_EMAIL_TRACKING_VIEW = "anymail.webhooks.brevo.BrevoTrackingWebhookView"
    settings.OUTREACH_WEBHOOK_TOLERANCE = 300


def brevo_event(email, event="hard_bounce", message_id="<abc@smtp-relay.mailin.fr>", ts=None):
    ts = time.time() if ts is None else ts
    return {
        "event": event,
        "email": email,
        "id": 1234,
        "date": "2026-03-03 10:00:00",
        "message-id": message_id,
        "ts_epoch": int(ts * 1000),
        "ts_event": int(ts),
        "reason": "550 5.1.1 adresse inconnue",
        "tag": "",
    }


def post(client, payload, auth=AUTH):
    header = "Basic " + base64.b64encode(auth.encode()).decode()
    return client.post(
        reverse("outreach:webhook_email"),
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=header,
    )


class Msg:
    recipient, subject, body, idempotency_key = (
        "camille@exemple.fr",
        "Bonjour",
        "Un message",
        "cle-1",
    )


def test_the_esp_message_id_is_kept(esp):
    provider_id = EmailBackend().send(Msg())
    [sent] = mail.outbox
    assert sent.to == ["camille@exemple.fr"]
    assert provider_id == str(sent.anymail_status.message_id)  # the ESP id, not our Message-ID


def test_a_hard_bounce_marks_the_contact_s_email_as_bouncing_once(client, esp, tuesday_morning):
    contact = make_contact()
    message = OutboundMessage.objects.create(
        idempotency_key="k-mail",
        channel="email",
        contact=contact,
        recipient=contact.email,
        body="x",
        status=MessageStatus.SENT,
        not_before=timezone.now(),
        provider_id="<abc@smtp-relay.mailin.fr>",
    )
    queued = OutboundMessage.objects.create(
        idempotency_key="k-mail-2",
        channel="email",
        contact=contact,
        recipient=contact.email,
        body="y",
        not_before=timezone.now(),
    )
    event = brevo_event(contact.email.upper())
    assert post(client, event).status_code == 200
    contact.refresh_from_db()
    message.refresh_from_db()
    assert (
        contact.email_bouncing_at is not None and "adresse inconnue" in contact.email_bounce_reason
    )
    assert message.status == MessageStatus.FAILED
    queued.refresh_from_db()
    assert (queued.status, queued.cancel_reason) == (MessageStatus.CANCELLED, "courriel_en_echec")
    first = contact.email_bouncing_at
    assert post(client, event).status_code == 200  # a replay changes nothing
    contact.refresh_from_db()
    assert contact.email_bouncing_at == first


def test_an_old_or_unauthenticated_event_changes_nothing(client, esp, tuesday_morning):
    contact = make_contact()
    assert post(client, brevo_event(contact.email, ts=time.time() - 3600)).status_code == 200
    assert post(client, brevo_event(contact.email), auth="brevo:faux").status_code == 400
    contact.refresh_from_db()
    assert contact.email_bouncing_at is None


def test_a_delivered_event_is_not_a_bounce(client, esp, tuesday_morning):
    contact = make_contact()
    post(client, brevo_event(contact.email, event="delivered"))
    contact.refresh_from_db()
    assert contact.email_bouncing_at is None


def test_without_a_webhook_secret_the_endpoint_is_closed(client, settings, db):
    settings.ANYMAIL = {}
    assert post(client, brevo_event("a@b.fr")).status_code == 403
