"""``millejours serve [--bind HOST:PORT] [--workers N] [--threads N] [--keep-alive S]``.

The production server: gunicorn (pre-fork, threaded workers) serving the Django WSGI
application; static files are served by WhiteNoise as in development. Defaults:
``MILLEJOURS_BIND`` (127.0.0.1:8000), ``WEB_CONCURRENCY`` workers (2),
``MILLEJOURS_THREADS`` threads per worker (4) and ``MILLEJOURS_KEEPALIVE`` seconds (75).

Keep-alive: gunicorn's default (2 s) suits a server facing browsers directly. Here it sits
behind Caddy, which keeps its upstream connections open for reuse (``keepalive 60s`` in
``deploy/caddy/Caddyfile``; Caddy's default is 2 min). The upstream must hold an idle
connection LONGER than the proxy does, otherwise gunicorn closes one at the moment Caddy
reuses it and the request fails (a reset, answered 502 for a POST, which is not retried).
75 s > 60 s, as with nginx's default ``keepalive_timeout``. Idle connections cost no
thread with the ``gthread`` workers (they wait in the worker's poller).
"""

from __future__ import annotations

import os
import re

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from gunicorn.app.base import BaseApplication

from millejours.lib.cli import Erreur, FrenchCommand

BIND_RE = re.compile(r"^(?:(?P<host>\[[0-9a-fA-F:]+\]|[A-Za-z0-9.\-]+):)?(?P<port>\d{1,5})$")


def parse_bind(value: str) -> str:
    if value.startswith("unix:"):
        return value
    match = BIND_RE.match(value)
    if not match or not 0 < int(match["port"]) < 65536:
        raise Erreur(
            f"Adresse d'écoute invalide : « {value} » (attendu HOTE:PORT, par exemple 127.0.0.1:8000)."
        )
    return f"{match['host'] or '127.0.0.1'}:{match['port']}"


def json_logging() -> dict:
    """With ``MILLEJOURS_LOG_FORMAT=json``, gunicorn's own lines are JSON too."""
    if os.environ.get("MILLEJOURS_LOG_FORMAT") != "json":
        return {}

    return {
        "version": 1,
        "disable_existing_loggers": False,
        "root": settings.LOGGING["root"],
        "formatters": {"generic": {"()": "millejours.ops.logs.JsonFormatter"}},
        # gunicorn's access lines carry the query string: never (the request log replaces them).
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
            "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
        },
    }


DEFAULT_KEEPALIVE = 75  # seconds: above the proxy's idle timeout (60 s), see the docstring
DEFAULT_MAX_REQUESTS = 20_000


def recycling() -> dict[str, int]:
    """A worker is replaced after ``MILLEJOURS_MAX_REQUESTS`` requests (20 000, ± 10 %; 0:
    never), a guard against slow memory growth. A worker that exits closes its idle
    keep-alive connections: a client sending on one at that instant gets a reset (retried
    by Caddy for a GET, not for a POST), so recycling is kept rare — about once a day for a
    CPTS, not every few minutes under load as with gunicorn's usual 1 000–2 000."""
    value = os.environ.get("MILLEJOURS_MAX_REQUESTS", "")
    max_requests = int(value) if value.isdigit() else DEFAULT_MAX_REQUESTS
    return {"max_requests": max_requests, "max_requests_jitter": max_requests // 10}


def gunicorn_options(
    bind: str, workers: int, threads: int, keepalive: int = DEFAULT_KEEPALIVE
) -> dict:
    return {
        "bind": bind,
        "workers": workers,
        "threads": threads,
        "keepalive": keepalive,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": int(os.environ.get("MILLEJOURS_REQUEST_TIMEOUT", "60")),
        "graceful_timeout": 30,
        **recycling(),
        "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
        "proc_name": "millejours",
        "accesslog": None,  # one line per request comes from MILLEJOURS_LOG_FORMAT=json instead
        "errorlog": "-",
        "logconfig_dict": json_logging(),
        "control_socket_disable": True,  # no ~/.gunicorn socket (read-only home under systemd)
    }


class Command(FrenchCommand):
    help = "Serveur de production (gunicorn) : pages, API et fichiers statiques."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default=os.environ.get("MILLEJOURS_BIND", "127.0.0.1:8000"),
            help="adresse d'écoute HOTE:PORT (127.0.0.1:8000 par défaut)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", "2")),
            help="nombre de processus (2 par défaut)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("MILLEJOURS_THREADS", "4")),
            help="fils d'exécution par processus (4 par défaut)",
        )
        parser.add_argument(
            "--keep-alive",
            dest="keepalive",
            type=int,
            default=int(os.environ.get("MILLEJOURS_KEEPALIVE", str(DEFAULT_KEEPALIVE))),
            help="secondes d'attente sur une connexion persistante inactive (75 par défaut :"
            " plus que le mandataire inverse, Caddy 60 s)",
        )

    def handle(self, *args, **options):
        bind = parse_bind(options["bind"])
        for name in ("workers", "threads"):
            if not 1 <= options[name] <= 64:
                raise Erreur(f"--{name} doit être compris entre 1 et 64 (reçu {options[name]}).")
        if not 1 <= options["keepalive"] <= 3600:
            raise Erreur(
                f"--keep-alive doit être compris entre 1 et 3600 secondes (reçu {options['keepalive']})."
            )
        self.check(display_num_errors=False)

        class Application(BaseApplication):
            def load_config(self):
                for key, value in gunicorn_options(
                    bind, options["workers"], options["threads"], options["keepalive"]
                ).items():
                    self.cfg.set(key, value)

            def load(self):
                return get_wsgi_application()

        self.stderr.write(
            f"Mille Jours : http://{bind} ({options['workers']} processus × {options['threads']} fils)"
        )
        Application().run()
