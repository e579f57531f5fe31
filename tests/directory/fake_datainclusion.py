"""A local fake of the data·inclusion API (http.server on 127.0.0.1): paginated
``/structures`` and ``/services`` filtered by ``code_departement``, bearer token required."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class FakeDataInclusion:
    TOKEN = "jeton-data-inclusion"

    def __init__(self, structures: list[dict], services: list[dict]):
        self.data = {"structures": structures, "services": services}
        self.requests: list[str] = []
        self.fail_with: int | None = None
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                api.requests.append(self.path)
                code, payload = api.answer(self.path, self.headers.get("Authorization", ""))
                body = json.dumps(payload).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def answer(self, path: str, auth: str):
        if auth != f"Bearer {self.TOKEN}":
            return 401, {"detail": "Not authenticated"}
        if self.fail_with:
            return self.fail_with, {"detail": "erreur"}
        parts = urlsplit(path)
        resource = parts.path.rsplit("/", 1)[-1]
        if not parts.path.startswith("/api/v1/") or resource not in self.data:
            return 404, {"detail": "Not Found"}
        query = parse_qs(parts.query)
        dep = query.get("code_departement", [""])[0]
        page, size = int(query.get("page", ["1"])[0]), int(query.get("size", ["50"])[0])
        items = [i for i in self.data[resource] if str(i.get("code_insee") or "").startswith(dep)]
        pages = max(1, -(-len(items) // size))
        return 200, {
            "items": items[(page - 1) * size : page * size],
            "total": len(items),
            "page": page,
            "size": size,
            "pages": pages,
        }

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/v1"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
