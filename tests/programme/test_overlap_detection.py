from datetime import timedelta

import pytest

from millejours.programme.selectors import overlapping_sessions
from tests import factories

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_actor_session(commune):
    ev = builders.event(
        title="Stand alimentation du centre social",
        is_external=True,
        organiser="Centre social",
        communes=[commune],
    )
    return builders.session(ev, days=20, commune=commune)


def _check(commune, start, theme="nutrition_oralite"):
    return overlapping_sessions(theme=theme, starts_at=start, commune_ids={commune.pk})


def test_same_theme_same_commune_within_14_days_is_an_overlap(commune, other_actor_session):
    assert _check(commune, other_actor_session.starts_at + timedelta(days=14)) == [
        other_actor_session
    ]
    assert _check(commune, other_actor_session.starts_at - timedelta(days=13)) == [
        other_actor_session
    ]


def test_beyond_14_days_there_is_no_overlap(commune, other_actor_session):
    assert _check(commune, other_actor_session.starts_at + timedelta(days=15)) == []


def test_another_theme_or_another_commune_is_no_overlap(commune, other_actor_session):
    elsewhere = factories.commune(insee_code="31446", name="Ramonville-Saint-Agne")
    assert _check(commune, other_actor_session.starts_at, theme="vaccination") == []
    assert _check(elsewhere, other_actor_session.starts_at) == []


def test_a_commune_targeted_by_the_event_counts_even_if_the_session_is_elsewhere(commune):
    elsewhere = factories.commune(insee_code="31446", name="Ramonville-Saint-Agne")
    ev = builders.event(title="Forum santé", is_external=True, communes=[commune, elsewhere])
    other = builders.session(ev, days=5, commune=elsewhere)
    assert _check(commune, other.starts_at) == [other]


def test_the_session_form_warns_and_asks_for_confirmation(
    login, coordinator, commune, other_actor_session
):
    client = login(coordinator)
    mine = builders.event(title="Atelier parents", communes=[commune])
    data = {
        "starts_at": (other_actor_session.starts_at + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        "commune": commune.pk,
        "place": "Mairie",
        "capacity": 10,
    }
    response = client.post(f"/programme/evenements/{mine.pk}/seances/nouvelle/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "même thème vise les mêmes communes" in html
    assert "Stand alimentation du centre social" in html
    assert not mine.sessions.exists()
    response = client.post(
        f"/programme/evenements/{mine.pk}/seances/nouvelle/", {**data, "confirm_overlap": "1"}
    )
    assert response.status_code == 302
    assert mine.sessions.count() == 1


def test_the_htmx_check_returns_the_warning_fragment(
    login, coordinator, commune, other_actor_session
):
    client = login(coordinator)
    mine = builders.event(title="Atelier parents", communes=[commune])
    response = client.post(
        f"/programme/evenements/{mine.pk}/chevauchements/",
        {"starts_at": other_actor_session.starts_at.strftime("%Y-%m-%dT%H:%M")},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert 'id="overlap-warning"' in html
    assert "Stand alimentation du centre social" in html
    assert "<html" not in html


def test_moving_a_session_away_removes_the_warning(
    login, coordinator, commune, other_actor_session
):
    client = login(coordinator)
    mine = builders.event(title="Atelier parents", communes=[commune])
    response = client.post(
        f"/programme/evenements/{mine.pk}/chevauchements/",
        {
            "starts_at": (other_actor_session.starts_at + timedelta(days=30)).strftime(
                "%Y-%m-%dT%H:%M"
            )
        },
    )
    assert "Attention" not in response.content.decode()


def test_the_shared_agenda_flags_overlapping_actions(
    login, coordinator, commune, other_actor_session
):
    mine = builders.event(title="Atelier parents CPTS", communes=[commune])
    builders.session(mine, days=25, commune=commune)
    html = login(coordinator).get("/programme/agenda/").content.decode()
    assert "Stand alimentation du centre social" in html
    # both rows are flagged, each naming the other action
    assert html.count(">Attention</span>") == 2
    row = html.split("Atelier parents CPTS</a>")[1].split("</tr>")[0]
    assert "Stand alimentation du centre social" in row
