"""OVHcloud SMS (API v1).

Public API (https://eu.api.ovh.com/console/?section=%2Fsms and the guides « Premiers pas
avec les API OVHcloud » and « Envoyer des SMS avec l'API OVHcloud »):

- authentication: headers ``X-Ovh-Application`` (application key), ``X-Ovh-Consumer``
  (consumer key), ``X-Ovh-Timestamp`` and ``X-Ovh-Signature`` =
  ``"$1$" + sha1(AS + "+" + CK + "+" + METHOD + "+" + URL + "+" + BODY + "+" + TIMESTAMP)``.
- send: ``POST <endpoint>/sms/{serviceName}/jobs`` with ``{"receivers": ["+33…"],
  "message", "sender", "charset": "UTF-8", "coding": "7bit"|"8bit", "noStopClause":
  false, "priority": "high", "tag", "validityPeriod": 2880, "senderForResponse"}`` →
  ``{"ids": [123], "validReceivers", "invalidReceivers", "totalCreditsRemoved", "tag"}``.
  Our idempotency key travels as ``tag`` (at most 128 characters), so ``lookup`` asks
  ``GET /sms/{serviceName}/outgoing?tag=<key>`` (a non-empty list: already received).
- callbacks (``callBack`` URL of the SMS account, called with GET query parameters):
  a delivery report carries ``id``, ``receiver``, ``dlr`` (1 delivered, 2 failed, 4
  buffered, 8 at the SMSC, 16 not delivered), ``ptt`` and ``description``, ``date``
  when given, ``tag``; a reply (``smsResponse.cgiUrl``) carries ``id``, ``senderid``/
  ``sender``, ``message``, ``date``. OVHcloud does not sign callbacks: the URL holds our
  secret (``?jeton=``). Event id: ``dlr:<id>:<dlr>`` or ``mo:<id>``.
"""

from __future__ import annotations

import hashlib
import json
import time
from urllib.parse import quote

from django.conf import settings

from ..backends import BaseBackend, PermanentFailure, SendError, http_json
from ..sms import sms_length
from ..webhooks import _timestamp
from . import CallbackError, CallbackEvent

DEFAULT_ENDPOINT = "https://eu.api.ovh.com/1.0"
DLR = {"1": "delivered", "2": "failed", "16": "failed"}


def signature(secret: str, consumer: str, method: str, url: str, body: str, timestamp: str) -> str:
    raw = "+".join([secret, consumer, method, url, body, timestamp])
    return "$1$" + hashlib.sha1(raw.encode()).hexdigest()  # noqa: S324 - OVHcloud's signature scheme


class Backend(BaseBackend):
    def __init__(self, endpoint: str | None = None, *, timeout: float | None = None):
        self.endpoint = (endpoint or settings.OUTREACH_OVH_ENDPOINT or DEFAULT_ENDPOINT).rstrip("/")
        self.timeout = timeout if timeout is not None else settings.OUTREACH_SMS_TIMEOUT

    def _call(self, method: str, path: str, payload=None):
        if not (
            settings.OUTREACH_OVH_APPLICATION_KEY
            and settings.OUTREACH_OVH_CONSUMER_KEY
            and settings.OUTREACH_OVH_SERVICE_NAME
        ):
            raise PermanentFailure("Les réglages OUTREACH_OVH_* ne sont pas complets.")
        url = f"{self.endpoint}/sms/{quote(settings.OUTREACH_OVH_SERVICE_NAME)}{path}"
        body = json.dumps(payload) if payload is not None else ""
        stamp = str(int(time.time()))
        headers = {
            "X-Ovh-Application": settings.OUTREACH_OVH_APPLICATION_KEY,
            "X-Ovh-Consumer": settings.OUTREACH_OVH_CONSUMER_KEY,
            "X-Ovh-Timestamp": stamp,
            "X-Ovh-Signature": signature(
                settings.OUTREACH_OVH_APPLICATION_SECRET,
                settings.OUTREACH_OVH_CONSUMER_KEY,
                method,
                url,
                body,
                stamp,
            ),
        }
        return http_json(
            method, url, None, headers, self.timeout, body=body.encode() if body else None
        )

    def send(self, message) -> str:
        payload = {
            "receivers": [message.recipient],
            "message": message.body,
            "sender": settings.OUTREACH_SMS_SENDER,
            "charset": "UTF-8",
            "coding": "7bit" if sms_length(message.body).encoding == "GSM-7" else "8bit",
            "noStopClause": False,
            "priority": "high",
            "tag": message.idempotency_key[:128],
            "validityPeriod": 2880,
            "senderForResponse": False,
        }
        answer = self._call("POST", "/jobs", payload)
        if isinstance(answer, dict) and answer.get("invalidReceivers"):
            raise PermanentFailure("Numéro refusé par OVHcloud.")
        ids = answer.get("ids") if isinstance(answer, dict) else None
        return str(ids[0])[:100] if ids else message.idempotency_key

    def lookup(self, key: str) -> bool | None:
        try:
            found = self._call("GET", f"/outgoing?tag={quote(key[:128])}")
        except SendError:
            return None
        return bool(found) if isinstance(found, list) else None


def parse_callback(request) -> list[CallbackEvent]:
    data = request.GET if request.method == "GET" else request.POST
    message_id = str(data.get("id") or "").strip()
    if not message_id:
        raise CallbackError("Rappel OVHcloud sans « id ».")
    when = _timestamp(data["date"]) if data.get("date") else None
    if data.get("date") and when is None:
        raise CallbackError("Date du rappel OVHcloud illisible.")
    if data.get("dlr"):
        dlr = str(data["dlr"])
        if dlr not in DLR:
            return []  # buffered / at the SMSC: not final
        return [
            CallbackEvent(
                "receipt",
                f"dlr:{message_id}:{dlr}",
                when,
                provider_id=message_id,
                key=str(data.get("tag") or ""),
                status=DLR[dlr],
                error=str(data.get("description") or f"dlr {dlr}")[:500],
            )
        ]
    sender = str(data.get("senderid") or data.get("sender") or "")
    if not sender:
        raise CallbackError("Rappel OVHcloud sans « dlr » ni expéditeur.")
    return [
        CallbackEvent(
            "inbound", f"mo:{message_id}", when, phone=sender, text=str(data.get("message") or "")
        )
    ]
