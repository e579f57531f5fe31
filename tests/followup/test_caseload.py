"""The referent's caseload: families where she is the referent, from inclusion to 3 months."""

import pytest
from django.urls import reverse

from millejours.followup.models import CareGoal, Contact
from millejours.pathway.models import CareTeamMember

from .conftest import make_family

pytestmark = pytest.mark.django_db


def _names(response):
    return [row.family.display_name for row in response.context["rows"]]


def test_caseload_lists_pregnancies_and_babies_under_three_months(login, referente, sagefemme):
    make_family(referent=referente, name="A Grossesse")
    make_family(referent=referente, born_days_ago=60, name="B Bébé de deux mois")
    make_family(referent=referente, born_days_ago=150, name="C Bébé de cinq mois")
    make_family(team=[sagefemme], name="D Autre famille")
    response = login(referente).get(reverse("followup:caseload"))
    assert response.status_code == 200
    assert _names(response) == ["A Grossesse", "B Bébé de deux mois"]
    assert "<caption>" in response.content.decode()


def test_finished_follow_ups_appear_on_request(login, referente):
    make_family(referent=referente, born_days_ago=150, name="C Bébé de cinq mois")
    response = login(referente).get(reverse("followup:caseload") + "?tous=1")
    assert _names(response) == ["C Bébé de cinq mois"]
    assert not response.context["rows"][0].in_window


def test_caseload_shows_last_contact_open_goals_and_late_milestones(login, referente, followed):
    Contact.objects.create(
        family=followed, author=referente, occurred_on="2026-01-10", channel="telephone"
    )
    Contact.objects.create(
        family=followed, author=referente, occurred_on="2026-02-03", channel="telephone"
    )
    CareGoal.objects.create(family=followed, title="Objectif 1")
    CareGoal.objects.create(family=followed, title="Objectif 2", status="atteint")
    row = login(referente).get(reverse("followup:caseload")).context["rows"][0]
    assert str(row.last_contact) == "2026-02-03"
    assert row.open_goals == 1
    assert row.late_milestones == 0
    assert row.stage.startswith("Grossesse, 10 SA")


def test_a_referent_removed_from_the_care_team_no_longer_sees_the_family(
    login, referente, followed
):
    from django.utils import timezone

    CareTeamMember.objects.filter(family=followed, user=referente).update(removed_at=timezone.now())
    assert _names(login(referente).get(reverse("followup:caseload"))) == []


def test_the_caseload_query_count_does_not_grow_with_families(
    login, referente, django_assert_max_num_queries
):
    for i in range(6):
        make_family(referent=referente, name=f"Foyer {i}")
    client = login(referente)
    client.get(reverse("followup:caseload"))  # warm the session
    with django_assert_max_num_queries(12):
        response = client.get(reverse("followup:caseload"))
    assert len(response.context["rows"]) == 6


@pytest.mark.parametrize("persona", ["parent", "coordinator", "partner"])
def test_non_professionals_are_refused(request, login, persona):
    user = request.getfixturevalue(persona)
    assert login(user).get(reverse("followup:caseload")).status_code == 403
