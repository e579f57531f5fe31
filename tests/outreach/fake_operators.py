"""Local fakes of Brevo's and OVHcloud's SMS APIs (http.server on 127.0.0.1, in a thread).

Each checks the authentication the real API requires (Brevo ``api-key``; OVHcloud's
``X-Ovh-*`` headers and ``$1$`` SHA-1 signature), records what it received and answers
with the documented response shape; ``receipt()`` / ``reply()`` build the operator's own
webhook calls.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from urllib.parse import parse_qs, urlsplit

from tests.local_http import JsonHandler, LocalServer


class FakeApi(LocalServer):
    def __init__(self):
        self.received: list[dict] = []
        self.refused: list[str] = []
        self.next_id = 1511882900176220
        self.lock = threading.Lock()
        api = self

        class Handler(JsonHandler):
            def _handle(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0)).decode()
                with api.lock:
                    code, payload = api.handle(self.command, self.path, self.headers, raw, self)
                self._reply(code, payload)

            do_GET = do_POST = _handle

        self._serve(Handler)


class FakeBrevo(FakeApi):
    API_KEY = "xkeysib-test"
    PATH = "/v3/transactionalSMS/sms"

    def handle(self, method, path, headers, raw, handler):
        if method != "POST" or path != self.PATH:
            return 404, {"code": "not_found"}
        if headers.get("api-key") != self.API_KEY:
            self.refused.append("api-key")
            return 401, {"code": "unauthorized", "message": "Key not found"}
        data = json.loads(raw)
        if (
            not data.get("recipient", "").isdigit()
            or not data.get("content")
            or not data.get("sender")
        ):
            return 400, {"code": "invalid_parameter"}
        self.next_id += 1
        self.received.append({**data, "messageId": self.next_id})
        return 201, {
            "reference": f"ref{self.next_id}",
            "messageId": self.next_id,
            "smsCount": 1,
            "usedCredits": 4.5,
            "remainingCredits": 95.5,
        }

    @staticmethod
    def event(message_id, status, to="33612345678", *, ts=None, **extra) -> dict:
        ts = int(time.time()) if ts is None else ts
        return {
            "id": 4242,
            "to": to,
            "sms_count": 1,
            "credits_used": 4.5,
            "messageId": message_id,
            "remaining_credit": 91,
            "msg_status": status,
            "date": time.strftime("%Y-%m-%d %H:%M:%S"),
            "type": "sms",
            "status": "OK",
            "description": status,
            "ts_event": ts,
            "tag": [],
            **extra,
        }


class FakeOvh(FakeApi):
    APP_KEY, APP_SECRET, CONSUMER = "ak-test", "as-test", "ck-test"
    SERVICE = "sms-ab12345-1"

    def handle(self, method, path, headers, raw, handler):
        url = self.base + path
        expected = (
            "$1$"
            + hashlib.sha1(
                "+".join(  # noqa: S324
                    [
                        self.APP_SECRET,
                        self.CONSUMER,
                        method,
                        url,
                        raw,
                        headers.get("X-Ovh-Timestamp", ""),
                    ]
                ).encode()
            ).hexdigest()
        )
        if (headers.get("X-Ovh-Application"), headers.get("X-Ovh-Consumer")) != (
            self.APP_KEY,
            self.CONSUMER,
        ) or headers.get("X-Ovh-Signature") != expected:
            self.refused.append("signature")
            return 403, {"errorCode": "INVALID_SIGNATURE", "message": "Invalid signature"}
        parts = urlsplit(path)
        if method == "GET" and parts.path == f"/1.0/sms/{self.SERVICE}/outgoing":
            tag = parse_qs(parts.query).get("tag", [""])[0]
            return 200, [r["id"] for r in self.received if r.get("tag") == tag]
        if method != "POST" or parts.path != f"/1.0/sms/{self.SERVICE}/jobs":
            return 404, {"message": "not found"}
        data = json.loads(raw)
        invalid = [r for r in data["receivers"] if not r.startswith("+")]
        if invalid:
            return 200, {
                "ids": [],
                "invalidReceivers": invalid,
                "validReceivers": [],
                "totalCreditsRemoved": 0,
            }
        self.next_id += 1
        self.received.append({**data, "id": self.next_id})
        return 200, {
            "ids": [self.next_id],
            "invalidReceivers": [],
            "validReceivers": data["receivers"],
            "totalCreditsRemoved": 1,
            "tag": data.get("tag"),
        }
