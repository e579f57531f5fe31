"""``MILLEJOURS_LOG_FORMAT=json``: one JSON line per request, without personal data."""

import json
import logging

import pytest

from millejours.ops.logs import REQUEST_LOGGER, JsonFormatter, _scrub, logging_config

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_log(caplog):
    caplog.set_level(logging.INFO, logger=REQUEST_LOGGER)
    return caplog


def test_one_line_per_request_with_the_url_pattern_not_the_values(client, request_log):
    client.get("/aller-vers/d/jeton-secret-123/?nom=Dupont&telephone=0612345678")
    (record,) = [r for r in request_log.records if r.name == REQUEST_LOGGER]
    line = json.loads(JsonFormatter().format(record))
    assert line["method"] == "GET" and line["status"] in (200, 404)
    assert line["path"] == "/aller-vers/d/<str:token>/"
    assert isinstance(line["duration_ms"], float) and line["level"] == "INFO"
    assert "Dupont" not in json.dumps(line) and "jeton-secret" not in json.dumps(line)


def test_an_unknown_url_is_logged_without_its_path(client, request_log):
    client.get("/familles/Dupont-Camille/inexistant/")
    (record,) = [r for r in request_log.records if r.name == REQUEST_LOGGER]
    assert (record.path, record.status) == ("(non résolue)", 404)


def test_json_format_switches_the_formatter_and_the_request_log_on():
    config = logging_config("json", "WARNING")
    assert config["formatters"]["main"]["()"].endswith("JsonFormatter")
    assert config["loggers"][REQUEST_LOGGER]["level"] == "INFO"
    assert logging_config("text", "WARNING")["loggers"][REQUEST_LOGGER]["level"] == "WARNING"


def test_error_reports_lose_the_query_string_body_and_cookies():
    event = {
        "request": {
            "url": "https://mj.example/familles/?nom=Dupont",
            "query_string": "nom=Dupont",
            "data": {"nir": "2930231113045"},
            "cookies": {"sessionid": "x"},
        }
    }
    assert _scrub(event, None) == {"request": {"url": "https://mj.example/familles/"}}


def test_sentry_starts_only_with_a_dsn_and_without_personal_data(monkeypatch):
    import sentry_sdk

    from millejours.ops.logs import init_sentry

    seen = {}
    monkeypatch.setattr(sentry_sdk, "init", lambda **kwargs: seen.update(kwargs))
    assert init_sentry("") is False and seen == {}
    assert init_sentry("https://cle@sentry.example/1", "production") is True
    assert seen["send_default_pii"] is False and seen["max_request_body_size"] == "never"
    assert seen["before_send"] is _scrub
