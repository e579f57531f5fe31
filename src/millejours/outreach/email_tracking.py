"""E-mail bounces reported by the e-mail service provider (django-anymail tracking webhook).

The ESP (Brevo by default: ``OUTREACH_EMAIL_TRACKING_VIEW``) posts its events to
``/aller-vers/webhooks/courriel/``. The call must carry anymail's basic authentication
(``ANYMAIL_WEBHOOK_SECRET`` = ``user:password``, given to the ESP in the webhook URL);
without that setting the endpoint is closed (403) rather than open. A ``bounced`` or
``rejected`` event marks the contacts with that address as bouncing
(``OutreachContact.email_bouncing_at``), the message sent with that ESP id as failed and
cancels their queued e-mails (``cancel_reason`` « courriel_en_echec »).
Replays: an event is applied once (its id — or, Brevo giving none, the SHA-256 of
message id, type, recipient and time — is remembered with ``webhooks.once``), and an event
older than ``OUTREACH_WEBHOOK_TOLERANCE`` is ignored. Anymail answers 200 either way so that
the ESP does not retry.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt

from . import webhooks
from .models import MessageStatus, OutboundMessage, OutreachContact

logger = logging.getLogger(__name__)
BOUNCES = {"bounced", "rejected"}


@csrf_exempt
def email_tracking(request):
    if not settings.ANYMAIL.get("WEBHOOK_SECRET"):
        return HttpResponse("Webhook de courriel non configuré.", status=403)
    view = import_string(settings.OUTREACH_EMAIL_TRACKING_VIEW).as_view()
    return view(request)


def _event_key(event) -> str:
    if event.event_id:
        return str(event.event_id)[:100]
    raw = "|".join(
        str(x) for x in (event.message_id, event.event_type, event.recipient, event.timestamp)
    )
    return hashlib.sha256(raw.encode()).hexdigest()


def on_tracking(sender, event, esp_name, **kwargs) -> None:
    if event.event_type not in BOUNCES or not event.recipient:
        return
    if event.timestamp and abs((timezone.now() - event.timestamp).total_seconds()) > int(
        settings.OUTREACH_WEBHOOK_TOLERANCE
    ):
        logger.warning("Événement de courriel %s trop ancien : ignoré", esp_name)
        return
    reason = str(event.mta_response or event.reject_reason or event.event_type)[:300]
    try:
        with webhooks.once(f"email:{esp_name}", _event_key(event)):
            contacts = OutreachContact.objects.filter(email__iexact=event.recipient)
            contacts.filter(email_bouncing_at__isnull=True).update(
                email_bouncing_at=timezone.now(), email_bounce_reason=reason
            )
            OutboundMessage.objects.filter(
                contact__in=contacts, channel="email", status=MessageStatus.QUEUED
            ).update(status=MessageStatus.CANCELLED, cancel_reason="courriel_en_echec")
            if event.message_id:
                OutboundMessage.objects.filter(
                    channel="email",
                    provider_id=str(event.message_id)[:100],
                    status__in=[MessageStatus.SENT, MessageStatus.DELIVERED],
                ).update(status=MessageStatus.FAILED, last_error=f"courriel : {reason}"[:500])
    except webhooks.Refused:
        logger.info("Événement de courriel %s déjà reçu : ignoré", esp_name)
