"""Only the family's referent opens its follow-up; outside the care team it is 404."""

import pytest
from django.urls import reverse

from millejours.audit.models import AccessLog
from millejours.followup.models import CareGoal, Contact

pytestmark = pytest.mark.django_db


def _urls(family, goal):
    return [
        ("get", reverse("followup:family", args=[family.pk])),
        ("get", reverse("followup:review", args=[family.pk])),
        ("post", reverse("followup:contact_add", args=[family.pk])),
        ("post", reverse("followup:goal_add", args=[family.pk])),
        ("post", reverse("followup:goal_status", args=[family.pk, goal.pk])),
        ("post", reverse("followup:review", args=[family.pk])),
    ]


def test_outside_the_care_team_every_followup_url_is_404(login, outsider, followed):
    goal = CareGoal.objects.create(family=followed, title="Objectif")
    client = login(outsider)
    for method, url in _urls(followed, goal):
        assert getattr(client, method)(url).status_code == 404, url
    assert not Contact.objects.exists()


def test_a_care_team_member_who_is_not_the_referent_gets_403(login, sagefemme, followed):
    goal = CareGoal.objects.create(family=followed, title="Objectif")
    client = login(sagefemme)
    for method, url in _urls(followed, goal):
        assert getattr(client, method)(url).status_code == 403, url
    assert CareGoal.objects.get().status == "en_cours"


def test_the_referent_opens_the_followup_and_the_read_is_logged(login, referente, followed):
    response = login(referente).get(reverse("followup:family", args=[followed.pk]))
    assert response.status_code == 200
    assert "Accompagnement de la famille Foyer Suivi" in response.content.decode()
    assert AccessLog.objects.filter(
        user=referente, family_id_ref=followed.pk, page="followup:family"
    ).exists()


def test_a_goal_of_another_family_is_404(login, referente, followed):
    from .conftest import make_family

    other = make_family(referent=referente, name="Autre")
    goal = CareGoal.objects.create(family=other, title="Objectif ailleurs")
    response = login(referente).post(
        reverse("followup:goal_status", args=[followed.pk, goal.pk]), {"status": "atteint"}
    )
    assert response.status_code == 404
    assert CareGoal.objects.get(pk=goal.pk).status == "en_cours"
