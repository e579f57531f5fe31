"""What every logged-in request pays: few queries, the session written at most once a minute.

Guards the performance work of issue 12 item 8 (docs/performance.md, "Third pass"): the
session, the user and (when the role does not oblige to a second factor) one question
about the person's devices; the inactivity stamp is rewritten once a minute, not on
every request, and the inactivity timeout still ends the session to the minute.
"""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from millejours.accounts.mfa import has_confirmed_device
from millejours.accounts.middleware import LAST_SEEN_SESSION_KEY, SessionIdleTimeoutMiddleware

pytestmark = pytest.mark.django_db

VERIFY = reverse("accounts:otp_verify")


def _queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code in (200, 503)
    return [q["sql"] for q in ctx.captured_queries]


def _session_writes(queries: list[str]) -> list[str]:
    return [q for q in queries if "django_session" in q and not q.lstrip().startswith("SELECT")]


@pytest.mark.parametrize("persona", ["parent", "sagefemme", "coordinator"])
def test_a_logged_in_request_costs_at_most_three_queries_before_its_view(
    client, login, persona, request
):
    login(request.getfixturevalue(persona))
    client.get("/sante/")
    own = 5  # the health page's own checks (tests/ops/test_health.py)
    assert len(_queries(client, "/sante/")) <= own + 3


def test_the_device_question_is_one_query(parent):
    with CaptureQueriesContext(connection) as ctx:
        assert has_confirmed_device(parent) is False
    assert len(ctx) == 1


def test_only_confirmed_devices_count(parent):
    TOTPDevice.objects.create(user=parent, name="tel", confirmed=False)
    assert has_confirmed_device(parent) is False
    StaticDevice.objects.create(user=parent, name="Codes de secours", confirmed=True)
    assert has_confirmed_device(parent) is True


def test_a_parent_with_recovery_codes_only_must_still_use_them(client, parent):
    StaticDevice.objects.create(user=parent, name="Codes de secours", confirmed=True)
    client.force_login(parent)
    assert client.get("/")["Location"].startswith(VERIFY)


def test_the_session_is_not_written_on_every_request(client, login, sagefemme):
    login(sagefemme)
    client.get("/familles/")
    assert _session_writes(_queries(client, "/familles/")) == []


def test_the_inactivity_stamp_is_refreshed_after_a_minute(client, login, sagefemme):
    login(sagefemme)
    client.get("/familles/")
    session = client.session
    stale = time.time() - SessionIdleTimeoutMiddleware.REFRESH_SECONDS - 1
    session[LAST_SEEN_SESSION_KEY] = stale
    session.save()
    assert len(_session_writes(_queries(client, "/familles/"))) == 1
    assert client.session[LAST_SEEN_SESSION_KEY] > stale + 60


def test_the_timeout_is_exact_to_the_minute(client, login, sagefemme, settings):
    settings.MILLEJOURS_SESSION_IDLE_MINUTES = 30
    login(sagefemme)
    client.get("/familles/")
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = time.time() - 29 * 60
    session.save()
    assert client.get("/familles/").status_code == 200
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = time.time() - 30 * 60 - 5
    session.save()
    assert client.get("/familles/")["Location"].startswith(reverse("accounts:login"))


def test_the_session_store_reads_a_live_session_only(sagefemme):
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from millejours.accounts.sessions import SessionStore

    assert settings.SESSION_ENGINE == "millejours.accounts.sessions"
    store = SessionStore()
    store["who"] = sagefemme.pk
    store.save()
    assert SessionStore(store.session_key).load() == {"who": sagefemme.pk}
    assert SessionStore("inconnue" * 4).load() == {}
    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.load() == {} and expired.session_key is None


def test_an_expired_session_is_logged_out(client, login, sagefemme):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    login(sagefemme)
    Session.objects.update(expire_date=timezone.now())
    assert client.get("/familles/")["Location"].startswith(reverse("accounts:login"))
