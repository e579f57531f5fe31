"""Authentication and replay protection of the operator's webhooks.

A call is accepted once, and only while fresh:

- the body is signed (``X-MilleJours-Signature: sha256=<HMAC-SHA256 of the body with
  OUTREACH_WEBHOOK_SECRET>``) and carries a ``timestamp`` (Unix seconds or ISO 8601), so
  the time is inside the signed payload; a call whose timestamp is further than
  ``OUTREACH_WEBHOOK_TOLERANCE`` seconds (default 300) from now is refused (400);
- its ``event_id`` (or, without one, the SHA-256 of the signed body) is remembered in
  ``WebhookEvent`` in the same transaction as its effect: the same id again is refused
  with 409 (« déjà reçu ») and changes nothing, so a replay, or a retry of a call already
  applied, is harmless. Ids are kept for twice the window (at least a day): an older
  replay is refused by its timestamp.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import WebhookEvent

SIGNATURE_HEADER = "X-MilleJours-Signature"
KEEP_AT_LEAST = timedelta(days=1)


class Refused(Exception):
    def __init__(self, response: HttpResponse):
        super().__init__(response.status_code)
        self.response = response


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _tolerance() -> int:
    return int(getattr(settings, "OUTREACH_WEBHOOK_TOLERANCE", 300))


def _authenticated(request) -> bool:
    secret = settings.OUTREACH_WEBHOOK_SECRET
    if not secret:
        return False
    given = request.headers.get(SIGNATURE_HEADER, "")
    if not given.startswith("sha256="):
        given = "sha256=" + given
    return hmac.compare_digest(given.encode(), sign(request.body, secret).encode())


def _payload(request) -> dict:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, RecursionError):
            return {}
        return data if isinstance(data, dict) else {}
    return request.POST.dict()


def _timestamp(value) -> datetime | None:
    if isinstance(value, bool):
        return None
    try:
        return datetime.fromtimestamp(float(value), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        pass
    try:
        parsed = parse_datetime(str(value))
    except ValueError:
        return None
    if parsed is not None and timezone.is_naive(parsed):
        return None  # an unzoned time is ambiguous
    return parsed


def verified_payload(request) -> dict:
    """The signed, fresh payload of ``request``, or ``Refused`` (403 / 400)."""
    if not _authenticated(request):
        raise Refused(HttpResponse("Signature invalide.", status=403))
    data = _payload(request)
    sent_at = _timestamp(data.get("timestamp"))
    if sent_at is None:
        raise Refused(HttpResponseBadRequest("Horodatage « timestamp » absent ou illisible."))
    if abs((timezone.now() - sent_at).total_seconds()) > _tolerance():
        raise Refused(
            HttpResponseBadRequest("Horodatage hors de la fenêtre acceptée : appel refusé.")
        )
    return data


def event_id(request, data: dict) -> str:
    given = str(data.get("event_id") or "").strip()
    return given[:100] if given else hashlib.sha256(request.body).hexdigest()


@contextmanager
def once(endpoint: str, key: str):
    """Apply the body of the ``with`` block once per (endpoint, id), atomically with it."""
    now = timezone.now()
    keep = max(KEEP_AT_LEAST, timedelta(seconds=2 * _tolerance()))
    WebhookEvent.objects.filter(received_at__lt=now - keep).delete()
    try:
        with transaction.atomic():
            WebhookEvent.objects.create(endpoint=endpoint, event_id=key, received_at=now)
            yield
    except IntegrityError:
        if WebhookEvent.objects.filter(endpoint=endpoint, event_id=key).exists():
            raise Refused(JsonResponse({"status": "deja_recu"}, status=409)) from None
        raise
