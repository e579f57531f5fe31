"""``/sante/``: JSON for monitoring, 200 when everything is fine, 503 when one check is not."""

from datetime import timedelta

import pytest
from django.utils import timezone

from millejours.ops.models import JobRun
from millejours.ops.services import beat
from millejours.outreach.models import MessageStatus, OutboundMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def alive():
    beat("worker")
    beat("scheduler")
    JobRun.objects.create(job="outreach_plan", slot=timezone.now(), status="success")


def test_everything_fine_answers_200_anonymously(client, alive):
    response = client.get("/sante/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    report = response.json()
    assert report["status"] == "ok"
    assert set(report["checks"]) == {"database", "migrations", "worker", "scheduler", "outbox"}
    assert report["checks"]["migrations"] == {"ok": True, "unapplied": 0}
    assert report["checks"]["scheduler"]["last_run"]
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_silent_worker_gives_503(client, alive, settings):
    beat(
        "worker", timezone.now() - timedelta(minutes=settings.MILLEJOURS_HEALTH_WORKER_MINUTES + 1)
    )
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["ok"] is False


def test_no_scheduler_ever_gives_503(client):
    beat("worker")
    report = client.get("/sante/").json()
    assert report["checks"]["scheduler"] == {
        "ok": False,
        "last_seen": None,
        "last_run": None,
        "failed_last_day": 0,
    }


def test_an_outbox_backlog_late_by_more_than_an_hour_gives_503(client, alive):
    from tests.outreach.conftest import make_contact

    contact = make_contact()
    OutboundMessage.objects.create(
        idempotency_key="k1",
        contact=contact,
        channel="sms",
        recipient="+33612345678",
        body="Bonjour Camille",
        status=MessageStatus.QUEUED,
        not_before=timezone.now() - timedelta(hours=2),
    )
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["checks"]["outbox"] == {"ok": False, "backlog": 1, "late": 1}
    assert "Camille" not in response.content.decode() and "+336" not in response.content.decode()


def test_unapplied_migrations_give_503(client, alive):
    from django.db.migrations.recorder import MigrationRecorder

    MigrationRecorder.Migration.objects.filter(app="ops").delete()  # as if `migrate` was forgotten
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == {"ok": False, "unapplied": 1}


def test_a_broken_database_gives_503_without_details(client, monkeypatch):
    from millejours.ops import selectors

    def down():
        raise ConnectionError("could not connect to server at 10.0.0.5 user=millejours")

    monkeypatch.setattr(selectors, "_check_database", down)
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": {"ok": False, "error": "ConnectionError"}}
    assert "10.0.0.5" not in response.content.decode()


def test_only_reading_is_allowed(client, alive):
    assert client.post("/sante/").status_code == 405


def test_local_monitoring_over_plain_http_is_not_redirected_to_https(
    client, alive, settings, monkeypatch
):
    import runpy

    import millejours.settings

    monkeypatch.setenv("MILLEJOURS_HTTPS", "1")
    production = runpy.run_path(millejours.settings.__file__)
    settings.SECURE_SSL_REDIRECT = production["SECURE_SSL_REDIRECT"]
    settings.SECURE_REDIRECT_EXEMPT = production["SECURE_REDIRECT_EXEMPT"]
    assert client.get("/sante/").status_code == 200
    assert client.get("/comptes/connexion/").status_code == 301


def test_the_health_page_is_cheap_enough_to_poll(client, alive, django_assert_max_num_queries):
    client.get("/sante/")
    with django_assert_max_num_queries(5):  # one per check
        assert client.get("/sante/").status_code == 200
