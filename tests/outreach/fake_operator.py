"""A fake SMS operator on 127.0.0.1 (http.server in a thread), started by the tests."""

from __future__ import annotations

import json
import threading
import time

from tests.local_http import JsonHandler, LocalServer


class FakeOperator(LocalServer):
    """Honours ``Idempotency-Key``: a key is delivered once, whatever the retries.

    ``script`` is a list of behaviours consumed one per POST: ``"ok"``, ``"500"``, ``"400"``,
    ``"429"``, ``"slow"`` (answers after ``slow_seconds``, having recorded the message).
    """

    def __init__(self, slow_seconds: float = 1.5):
        self.script: list[str] = []
        self.delivered: dict[str, dict] = {}
        self.requests: list[dict] = []
        self.deliveries: list[str] = []  # one entry per accepted (non-duplicate) delivery
        self.slow_seconds = slow_seconds
        self.lock = threading.Lock()
        operator = self

        class Handler(JsonHandler):
            def do_GET(self):
                key = self.path.rsplit("/", 1)[-1]
                with operator.lock:
                    known = key in operator.delivered
                self._reply(200 if known else 404, {"key": key})

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                payload = json.loads(self.rfile.read(length))
                key = self.headers.get("Idempotency-Key")
                with operator.lock:
                    behaviour = operator.script.pop(0) if operator.script else "ok"
                    operator.requests.append(
                        {
                            "key": key,
                            "auth": self.headers.get("Authorization"),
                            "behaviour": behaviour,
                            **payload,
                        }
                    )
                if behaviour in ("500", "400", "429"):
                    return self._reply(int(behaviour), {"error": behaviour})
                with operator.lock:
                    if key not in operator.delivered:
                        operator.delivered[key] = payload
                        operator.deliveries.append(key)
                if behaviour == "slow":
                    time.sleep(operator.slow_seconds)
                self._reply(201, {"id": f"op-{key}"})

        self._serve(Handler)

    @property
    def url(self) -> str:
        return f"{self.base}/sms"
