"""Real processes on a real (temporary) SQLite database: ``millejours serve`` answers over
HTTP, and two ``millejours scheduler`` processes started together run each job once."""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def millejours(*args: str) -> list[str]:
    return [sys.executable, "-m", "millejours", *args]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """A migrated data directory of its own (the processes cannot see the test database)."""
    path = tmp_path_factory.mktemp("mj-data")
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        MILLEJOURS_DATA_DIR=str(path),
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        OUTREACH_FILE_PATH=str(path / "outbox.jsonl"),
    )
    subprocess.run(millejours("migrate", "--no-input", "-v", "0"), env=env, check=True, timeout=300)
    return path, env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def test_serve_answers_pages_static_files_and_health_over_http(data_dir):
    path, env = data_dir
    port = free_port()
    server = subprocess.Popen(
        millejours("serve", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "2"),
        env={**env, "MILLEJOURS_LOG_FORMAT": "json"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body, headers = fetch(f"{base}/comptes/connexion/?nom=Dupont")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise AssertionError(
                        server.stdout.read().decode() if server.poll() is not None else "no answer"
                    ) from None
                time.sleep(0.3)
        assert status == 200 and "Connexion" in body.decode()
        assert "gunicorn" in headers.get("Server", "").lower()
        status, body, _ = fetch(f"{base}/static/millejours/css/theme.css")
        assert status == 200 and len(body) > 100
        status, body, _ = fetch(f"{base}/sante/")
        report = json.loads(body)
        assert status == 503 and report["status"] == "error"  # no worker, no scheduler yet
        assert report["checks"]["database"]["ok"] and report["checks"]["migrations"]["ok"]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.returncode == 0
    output = server.stdout.read().decode()
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    requests = [line for line in lines if line["logger"] == "millejours.requests"]
    expected = {"method": "GET", "path": "/comptes/connexion/", "status": 200}
    assert any(expected.items() <= line.items() for line in requests)
    assert "Dupont" not in output  # neither the request log nor gunicorn's own lines


def test_serve_refuses_a_bad_address_in_french(data_dir):
    _, env = data_dir
    result = subprocess.run(
        millejours("serve", "--bind", "localhost:99999"),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Adresse d'écoute invalide" in result.stderr


def test_two_schedulers_started_together_run_each_job_once(data_dir):
    path, env = data_dir
    procs = [
        subprocess.Popen(
            millejours("scheduler", "--once"),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for proc in procs:
        proc.wait(timeout=120)
        assert proc.returncode == 0, proc.stderr.read().decode()
    with sqlite3.connect(path / "millejours.sqlite3") as db:
        per_job = dict(db.execute("SELECT job, COUNT(*) FROM ops_jobrun GROUP BY job").fetchall())
        runners = {r for (r,) in db.execute("SELECT runner FROM ops_jobrun")}
        beats = {name for (name,) in db.execute("SELECT name FROM ops_heartbeat")}
    from millejours.ops.jobs import JOBS

    assert per_job == {job.name: 1 for job in JOBS}
    assert len(runners) >= 1 and "scheduler" in beats
    listing = subprocess.run(
        millejours("jobs", "list", "--format", "json"),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    jobs = json.loads(listing.stdout)["jobs"]
    assert all(set(item) == {"name", "schedule", "last_run", "last_status"} for item in jobs)
    assert {item["name"]: item["last_status"] for item in jobs}["calendar_refresh"] == "success"


def _get_on(sock: socket.socket, path: str) -> bytes:
    """One HTTP/1.1 request on an open connection; the full answer (Content-Length)."""
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
    while len(body) < length:
        body += sock.recv(65536)
    return head


def test_serve_keeps_an_idle_connection_open_longer_than_a_proxy_reuses_it(data_dir):
    """Behind Caddy (idle upstream connections kept 60 s) gunicorn must not close an idle
    connection after its default 2 s: a reused one would be reset (502 for a POST)."""
    _, env = data_dir
    port = free_port()
    server = subprocess.Popen(
        millejours("serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "2"),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=10)
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "no answer"
                time.sleep(0.5)
        with sock:
            assert _get_on(sock, "/comptes/connexion/").startswith(b"HTTP/1.1 200")
            time.sleep(3.5)  # idle, longer than gunicorn's default keep-alive (2 s)
            assert _get_on(sock, "/comptes/connexion/").startswith(b"HTTP/1.1 200")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_refuses_a_bad_keep_alive_in_french(data_dir):
    _, env = data_dir
    result = subprocess.run(
        millejours("serve", "--keep-alive", "0"),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "--keep-alive doit être compris entre 1 et 3600" in result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", (20_000, 2_000)), ("5000", (5_000, 500)), ("0", (0, 0)), ("beaucoup", (20_000, 2_000))],
)
def test_workers_are_recycled_rarely_and_as_configured(monkeypatch, value, expected):
    """A recycled worker closes its idle keep-alive connections (a reset for a client
    writing on one): 20 000 requests by default, not gunicorn's usual 1 000–2 000."""
    from millejours.ops.management.commands.serve import gunicorn_options

    monkeypatch.setenv("MILLEJOURS_MAX_REQUESTS", value)
    options = gunicorn_options("127.0.0.1:8000", 2, 4)
    assert (options["max_requests"], options["max_requests_jitter"]) == expected
