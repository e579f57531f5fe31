"""Brevo (ex-Sendinblue) transactional SMS.

Public API (https://developers.brevo.com/reference/sendtransacsms and
https://developers.brevo.com/docs/transactional-sms-webhooks):

- send: ``POST https://api.brevo.com/v3/transactionalSMS/sms``, header ``api-key``, JSON
  ``{"sender", "recipient" (international digits, no "+"), "content", "type":
  "transactional", "tag", "unicodeEnabled"}`` → 201 ``{"reference", "messageId",
  "smsCount", "usedCredits", "remainingCredits"}``. Brevo has no idempotency key: our key
  travels as ``tag`` and ``lookup`` cannot tell (``None``).
- webhook (transactional SMS events, JSON POST): ``{"id", "to", "messageId",
  "msg_status" ("sent", "accepted", "delivered", "soft_bounce", "hard_bounce",
  "rejected", "skip", "unsubscribed", "reply"), "date", "ts_event" (Unix seconds),
  "tag", "reply" (text of a reply), "description"}``. A reply or ``unsubscribed`` event
  is an inbound message (a reply « STOP » opts the contact out, as ``unsubscribed`` does).
  Event id: ``messageId:msg_status`` (one event per status of one message).
"""

from __future__ import annotations

import json

from django.conf import settings

from ..backends import BaseBackend, PermanentFailure, http_json
from ..webhooks import _timestamp as parse
from . import CallbackError, CallbackEvent

DEFAULT_URL = "https://api.brevo.com/v3/transactionalSMS/sms"
FINAL = {
    "delivered": "delivered",
    "soft_bounce": "failed",
    "hard_bounce": "failed",
    "rejected": "failed",
    "skip": "failed",
}


class Backend(BaseBackend):
    def __init__(self, url: str | None = None, *, timeout: float | None = None):
        self.url = url or settings.OUTREACH_BREVO_URL or DEFAULT_URL
        self.timeout = timeout if timeout is not None else settings.OUTREACH_SMS_TIMEOUT

    def send(self, message) -> str:
        if not settings.OUTREACH_BREVO_API_KEY:
            raise PermanentFailure("OUTREACH_BREVO_API_KEY n'est pas configurée.")
        payload = {
            "sender": settings.OUTREACH_SMS_SENDER[:11],
            "recipient": message.recipient.lstrip("+"),
            "content": message.body,
            "type": "transactional",
            "tag": message.idempotency_key,
            "unicodeEnabled": True,
        }
        answer = http_json(
            "POST", self.url, payload, {"api-key": settings.OUTREACH_BREVO_API_KEY}, self.timeout
        )
        message_id = answer.get("messageId") if isinstance(answer, dict) else None
        return str(message_id)[:100] if message_id else message.idempotency_key


def _timestamp(data):
    return parse(data.get("ts_event")) if data.get("ts_event") is not None else None


def parse_callback(request) -> list[CallbackEvent]:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):
        raise CallbackError("Corps JSON illisible.") from None
    if not isinstance(data, dict):
        raise CallbackError("Corps JSON inattendu.")
    status = str(data.get("msg_status") or data.get("event") or "").lower()
    message_id = str(data.get("messageId") or data.get("message_id") or "")
    if not status or not (message_id or data.get("id")):
        raise CallbackError("Événement Brevo incomplet (msg_status, messageId).")
    event_id = f"{message_id or data.get('id')}:{status}"
    when = _timestamp(data)
    if data.get("ts_event") is not None and when is None:
        raise CallbackError("Horodatage « ts_event » illisible.")
    tag = data.get("tag")
    tag = tag[0] if isinstance(tag, list) and tag else tag
    if status in ("reply", "unsubscribed"):
        text = (
            "STOP" if status == "unsubscribed" else str(data.get("reply") or data.get("text") or "")
        )
        return [
            CallbackEvent(
                "inbound",
                event_id,
                when,
                phone="+" + str(data.get("to") or "").lstrip("+"),
                text=text,
            )
        ]
    if status not in FINAL:
        return []  # sent / accepted: nothing to record
    return [
        CallbackEvent(
            "receipt",
            event_id,
            when,
            provider_id=message_id,
            key=str(tag or ""),
            status=FINAL[status],
            error=str(data.get("description") or status)[:500],
        )
    ]
