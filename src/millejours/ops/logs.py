"""Structured logs (``MILLEJOURS_LOG_FORMAT=json``) and the optional Sentry error reporting.

One JSON object per line on stderr (journald keeps it). The request log writes one line
per request: method, route, status, duration. The path is the URL *pattern* of the view
(``/aller-vers/desinscription/<str:token>/``), never the query string nor the values in
the path, so that tokens and identifiers do not end up in the logs.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime

REQUEST_LOGGER = "millejours.requests"
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update(
            {
                k: v
                for k, v in record.__dict__.items()
                if k not in _STANDARD and not k.startswith("_")
            }
        )
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def logging_config(fmt: str, level: str) -> dict:
    """The ``LOGGING`` setting: text (default) or JSON lines; request lines at INFO."""
    formatter = (
        {"()": "millejours.ops.logs.JsonFormatter"}
        if fmt == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"main": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "main"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            REQUEST_LOGGER: {"level": "INFO" if fmt == "json" else "WARNING"},
            "millejours.ops": {"level": "INFO"},
            # Django's own request log repeats the full path (query string included).
            "django.request": {"level": "ERROR"},
            "django.server": {"level": "ERROR"},
        },
    }


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None and match.route:
        return "/" + match.route.lstrip("^").rstrip("$")
    return "(non résolue)"


class RequestLogMiddleware:
    """One log line per request (first in ``MIDDLEWARE`` to time the whole request)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.logger = logging.getLogger(REQUEST_LOGGER)

    def __call__(self, request):
        if not self.logger.isEnabledFor(logging.INFO):
            return self.get_response(request)
        start = time.perf_counter()
        response = self.get_response(request)
        duration = (time.perf_counter() - start) * 1000
        self.logger.info(
            "request",
            extra={
                "method": request.method,
                "path": _route(request),
                "status": response.status_code,
                "duration_ms": round(duration, 1),
            },
        )
        return response


def _scrub(event, _hint):
    """No query string, body or cookies in error reports (health data)."""
    request = event.get("request") or {}
    for key in ("query_string", "data", "cookies"):
        request.pop(key, None)
    if "url" in request:
        request["url"] = request["url"].split("?", 1)[0]
    return event


def init_sentry(dsn: str, environment: str = "", release: str = "") -> bool:
    """Error reporting when ``SENTRY_DSN`` is set (no personal data: ``send_default_pii=False``)."""
    if not dsn:
        return False
    # Only when a DSN is set (this module is imported by settings.py).
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=0.0,
        before_send=_scrub,
    )
    return True
