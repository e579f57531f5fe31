"""Care-plan goals: added, reached or dropped (dated), audited."""

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.audit.models import AuditEvent
from millejours.followup.models import CareGoal

pytestmark = pytest.mark.django_db


def test_the_referent_adds_a_goal(login, referente, followed):
    response = login(referente).post(
        reverse("followup:goal_add", args=[followed.pk]),
        {"title": "  Trouver un mode de garde ", "target_date": ""},
    )
    assert response.status_code == 302
    goal = CareGoal.objects.get()
    assert (goal.title, goal.status, goal.target_date, goal.created_by) == (
        "Trouver un mode de garde",
        "en_cours",
        None,
        referente,
    )


def test_a_goal_without_title_is_refused(login, referente, followed):
    response = login(referente).post(
        reverse("followup:goal_add", args=[followed.pk]), {"title": "   "}
    )
    assert response.status_code == 400
    assert response.context["goal_form"].errors["title"] == ["Décrivez l'objectif."]
    assert "Décrivez l&#x27;objectif." in response.content.decode()
    assert not CareGoal.objects.exists()


def test_reaching_a_goal_dates_it_and_reopening_clears_the_date(login, referente, followed):
    goal = CareGoal.objects.create(family=followed, title="Atelier parents")
    client = login(referente)
    url = reverse("followup:goal_status", args=[followed.pk, goal.pk])
    client.post(url, {"status": "atteint"})
    goal.refresh_from_db()
    assert goal.status == "atteint" and goal.closed_on == timezone.localdate()
    event = AuditEvent.objects.get(action="followup.goal_status")
    assert event.details == {"from": "en_cours", "to": "atteint"}
    client.post(url, {"status": "en_cours"})
    goal.refresh_from_db()
    assert goal.status == "en_cours" and goal.closed_on is None


def test_an_unknown_status_changes_nothing(login, referente, followed):
    goal = CareGoal.objects.create(family=followed, title="Atelier parents")
    login(referente).post(
        reverse("followup:goal_status", args=[followed.pk, goal.pk]), {"status": "perdu"}
    )
    goal.refresh_from_db()
    assert goal.status == "en_cours"
    assert not AuditEvent.objects.filter(action="followup.goal_status").exists()
