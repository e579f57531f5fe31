"""Pluggable sending backends: file (default), console, HTTP SMS operator, e-mail (Django mail).

A backend sends ONE message and passes its idempotency key along (HTTP header
``Idempotency-Key`` and JSON field; e-mail ``Message-ID``), so that an operator that
honours it never delivers a retry twice. ``lookup(key)`` asks whether the operator already
received a key: ``True`` / ``False``, or ``None`` when the backend cannot tell — used to
resume messages claimed by a worker that died (see ``sending.recover_stale``).
"""

from __future__ import annotations

import base64
import json
import sys
import urllib.error
import urllib.request
from email.utils import make_msgid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string


class SendError(Exception):
    temporary = True


class TemporaryFailure(SendError):
    temporary = True


class PermanentFailure(SendError):
    temporary = False


ALREADY_RECEIVED = object()


def http_json(
    method: str,
    url: str,
    payload,
    headers: dict[str, str],
    timeout: float,
    *,
    already_received: tuple[int, ...] = (),
    body: bytes | None = None,
):
    """One JSON call to an operator; its decoded answer (``{}`` when empty or unreadable).

    A status in ``already_received`` returns ``ALREADY_RECEIVED``; 408, 429, 5xx, time-outs
    and network errors raise ``TemporaryFailure``; other 4xx ``PermanentFailure``.
    """
    if body is None and payload is not None:
        body = json.dumps(payload).encode()
    request = urllib.request.Request(
        url,
        data=body,
        method=method,
        headers={"Content-Type": "application/json", "Accept": "application/json", **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - URL from settings
            raw = response.read()
    except urllib.error.HTTPError as exc:
        if exc.code in already_received:
            return ALREADY_RECEIVED
        error_class = (
            TemporaryFailure if exc.code in (408, 429) or exc.code >= 500 else PermanentFailure
        )
        raise error_class(f"HTTP {exc.code}") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        raise TemporaryFailure(f"réseau : {getattr(exc, 'reason', exc)}") from None
    try:
        return json.loads(raw or b"{}")
    except ValueError:
        return {}


class BaseBackend:
    def send(self, message) -> str:
        """Send ``message`` (an ``OutboundMessage``); return the operator's id."""
        raise NotImplementedError

    def lookup(self, key: str) -> bool | None:
        return None


class ConsoleBackend(BaseBackend):
    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, message) -> str:
        self.stream.write(
            f"[{message.channel}] {message.recipient} ({message.idempotency_key}) : {message.body}\n"
        )
        return message.idempotency_key


class FileBackend(BaseBackend):
    """Appends one JSON line per message; knows which keys it received."""

    def __init__(self, path: str | None = None):
        self.path = Path(path or settings.OUTREACH_FILE_PATH)

    def send(self, message) -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.lookup(message.idempotency_key):
            return message.idempotency_key
        line = json.dumps(
            {
                "key": message.idempotency_key,
                "channel": message.channel,
                "to": message.recipient,
                "subject": message.subject,
                "body": message.body,
            },
            ensure_ascii=False,
        )
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
        return message.idempotency_key

    def lookup(self, key: str) -> bool | None:
        if not self.path.exists():
            return False
        needle = json.dumps(key)
        with self.path.open(encoding="utf-8") as fh:
            return any(f'"key": {needle}' in line for line in fh)


class HttpSmsBackend(BaseBackend):
    """A generic SMS operator over HTTPS (JSON POST).

    Request: ``POST OUTREACH_SMS_URL`` with ``{"to", "text", "sender", "idempotency_key"}``,
    header ``Idempotency-Key``; authentication by bearer token (``OUTREACH_SMS_TOKEN``) or
    basic (``OUTREACH_SMS_USER`` / ``OUTREACH_SMS_PASSWORD``). 2xx (or 409: key already
    received) is a success; 408, 429 and 5xx, time-outs and network errors are temporary;
    other 4xx are permanent. ``lookup``: ``GET <status URL>/<key>`` → 200 received, 404 not.
    """

    def __init__(
        self, url: str | None = None, *, status_url: str | None = None, timeout: float | None = None
    ):
        self.url = url or settings.OUTREACH_SMS_URL
        self.status_url = (
            status_url or settings.OUTREACH_SMS_STATUS_URL or self.url.rstrip("/") + "/status"
        )
        self.timeout = timeout if timeout is not None else settings.OUTREACH_SMS_TIMEOUT

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if settings.OUTREACH_SMS_TOKEN:
            headers["Authorization"] = f"Bearer {settings.OUTREACH_SMS_TOKEN}"
        elif settings.OUTREACH_SMS_USER:
            raw = f"{settings.OUTREACH_SMS_USER}:{settings.OUTREACH_SMS_PASSWORD}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(raw).decode()
        return headers

    def send(self, message) -> str:
        if not self.url:
            raise PermanentFailure("OUTREACH_SMS_URL n'est pas configurée.")
        payload = {
            "to": message.recipient,
            "text": message.body,
            "sender": settings.OUTREACH_SMS_SENDER,
            "idempotency_key": message.idempotency_key,
        }
        answer = http_json(
            "POST",
            self.url,
            payload,
            {**self._headers(), "Idempotency-Key": message.idempotency_key},
            self.timeout,
            already_received=(409,),
        )
        if answer is ALREADY_RECEIVED:
            return message.idempotency_key
        try:
            return str(answer.get("id", message.idempotency_key))[:100]
        except AttributeError:
            return message.idempotency_key

    def lookup(self, key: str) -> bool | None:
        request = urllib.request.Request(
            f"{self.status_url.rstrip('/')}/{quote(key)}", headers=self._headers()
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout):
                return True
        except urllib.error.HTTPError as exc:
            return False if exc.code == 404 else None
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            return None


class EmailBackend(BaseBackend):
    """E-mail through Django's mail: ``EMAIL_BACKEND`` (console by default, SMTP, or an ESP
    through django-anymail, whose message id is then kept to match its bounce events)."""

    def send(self, message) -> str:
        message_id = make_msgid(idstring=message.idempotency_key, domain="millejours.local")
        email = EmailMessage(
            subject=message.subject or "Information de votre PMI",
            body=message.body,
            to=[message.recipient],
            headers={"Message-ID": message_id, "X-Idempotency-Key": message.idempotency_key},
        )
        # Only needed when a message is really sent (the console backend never raises them).
        from anymail.exceptions import AnymailInvalidAddress, AnymailRecipientsRefused

        try:
            email.send(fail_silently=False)
        except (AnymailRecipientsRefused, AnymailInvalidAddress) as exc:
            raise PermanentFailure(f"courriel refusé : {exc}") from None
        except (OSError, ConnectionError) as exc:
            raise TemporaryFailure(f"SMTP : {exc}") from None
        status = getattr(email, "anymail_status", None)  # an ESP through django-anymail: its own id
        if status is not None and status.message_id not in (None, ""):
            return str(status.message_id)[:100]
        return message_id


def get_backend(channel: str) -> BaseBackend:
    path = settings.OUTREACH_EMAIL_BACKEND if channel == "email" else settings.OUTREACH_SMS_BACKEND
    return import_string(path)()
