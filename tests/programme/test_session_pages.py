"""Coordinator's sessions: listed by date, « 1 place » in the singular, a twin session warns."""

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.programme.models import Registration, Session

from . import builders

pytestmark = pytest.mark.django_db


def test_sessions_are_listed_by_date_even_with_satisfaction_figures(login, coordinator):
    ev = builders.event()
    late = builders.session(ev, days=30)
    early = builders.session(ev, days=5)
    middle = builders.session(ev, days=12)
    Registration.objects.create(session=late, first_name="Ana", last_name="Test", email="a@test.fr")
    html = login(coordinator).get(reverse("programme:event_detail", args=[ev.pk])).content.decode()
    positions = [html.index(f'id="session-{s.pk}"') for s in (early, middle, late)]
    assert positions == sorted(positions)


def test_one_place_is_singular(login, coordinator):
    ev = builders.event()
    builders.session(ev, capacity=1)
    builders.session(ev, days=20, capacity=12)
    html = login(coordinator).get(reverse("programme:event_detail", args=[ev.pk])).content.decode()
    assert "· 1 place\n" in html or "1 place ·" in html or " 1 place\n" in html
    assert "1 places" not in html and "12 places" in html


def _post(client, ev, start, **extra):
    local = timezone.localtime(start)
    return client.post(
        reverse("programme:session_create", args=[ev.pk]),
        {
            "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
            "place": "Salle des fêtes",
            "capacity": "10",
            **extra,
        },
    )


def test_creating_a_session_identical_to_an_existing_one_warns_then_needs_a_confirmation(
    login, coordinator
):
    ev = builders.event()
    existing = builders.session(ev)
    client = login(coordinator)
    response = _post(client, ev, existing.starts_at)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Une séance identique existe déjà" in html and "Cette séance existe déjà" in html
    assert Session.objects.filter(event=ev).count() == 1
    response = _post(client, ev, existing.starts_at, confirm_twin="1")
    assert response.status_code == 302
    assert Session.objects.filter(event=ev).count() == 2


def test_a_session_at_another_time_does_not_warn(login, coordinator):
    ev = builders.event()
    existing = builders.session(ev)
    response = _post(login(coordinator), ev, existing.starts_at + timezone.timedelta(days=7))
    assert response.status_code == 302
