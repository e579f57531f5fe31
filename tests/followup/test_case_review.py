"""Preparing a case review: what is late, open goals, contacts since the last review."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.followup.models import CareGoal, CaseReview, Contact
from millejours.pathway.models import Milestone, MilestoneState, Pregnancy

pytestmark = pytest.mark.django_db


def _late_milestone(family):
    due = timezone.localdate() - timedelta(days=20)
    return Milestone.objects.create(
        family=family,
        pregnancy=Pregnancy.objects.get(family=family),
        subject="grossesse",
        code="test_late",
        rule_version="1",
        label="Entretien prénatal précoce",
        category="entretien",
        status="recommended",
        due=due,
        window_start=due - timedelta(days=7),
        window_end=due + timedelta(days=7),
        state=MilestoneState.LATE,
    )


def test_the_preparation_page_gathers_late_milestones_goals_and_recent_contacts(
    login, referente, followed
):
    _late_milestone(followed)
    CareGoal.objects.create(family=followed, title="Ouvrir les droits CAF")
    CaseReview.objects.create(
        family=followed, held_on=date(2026, 1, 15), summary="Première synthèse"
    )
    Contact.objects.create(
        family=followed, occurred_on=date(2026, 1, 2), channel="telephone", summary="Ancien contact"
    )
    Contact.objects.create(
        family=followed, occurred_on=date(2026, 2, 2), channel="telephone", summary="Contact récent"
    )
    response = login(referente).get(reverse("followup:review", args=[followed.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Entretien prénatal précoce" in html
    assert "Ouvrir les droits CAF" in html
    assert "Contact récent" in html and "Ancien contact" not in html
    assert "Dernière synthèse le 15/01/2026" in html


def test_recording_the_review(login, referente, followed):
    response = login(referente).post(
        reverse("followup:review", args=[followed.pk]),
        {
            "held_on": "2026-02-10",
            "participants": "Sage-femme, PMI",
            "summary": "Décision : TISF 2 fois par semaine.",
        },
    )
    assert response.status_code == 302
    review = CaseReview.objects.get()
    assert review.held_on == date(2026, 2, 10) and review.prepared_by == referente
    assert review.summary == "Décision : TISF 2 fois par semaine."


def test_an_invalid_review_is_refused_and_nothing_saved(login, referente, followed):
    response = login(referente).post(
        reverse("followup:review", args=[followed.pk]), {"held_on": "", "summary": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Indiquez la date de la synthèse." in html and "La synthèse est obligatoire." in html
    assert not CaseReview.objects.exists()
