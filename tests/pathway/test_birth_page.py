"""Recording a birth: one or several children (twins), the 22 SA check, nothing saved if invalid."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.pathway.models import Child, PregnancyOutcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_pregnancy(family):
    pregnancy = family.pregnancies.get()
    pregnancy.lmp = timezone.localdate() - timedelta(weeks=41)
    pregnancy.save()
    return pregnancy


def _url(pregnancy):
    return reverse("pathway:birth_create", args=[pregnancy.family_id, pregnancy.pk])


def test_a_birth_creates_the_child_and_ends_the_pregnancy(login, sagefemme, late_pregnancy):
    birth = late_pregnancy.lmp + timedelta(weeks=39, days=2)
    response = login(sagefemme).post(
        _url(late_pregnancy),
        {"birth_date": birth.isoformat(), "child_1_first_name": "Noé", "child_1_sex": "M"},
    )
    assert response.status_code == 302
    child = Child.objects.get()
    assert (child.first_name, child.gestational_age_weeks, child.gestational_age_days) == (
        "Noé",
        39,
        2,
    )
    late_pregnancy.refresh_from_db()
    assert (late_pregnancy.outcome, late_pregnancy.ended_on) == (PregnancyOutcome.BIRTH, birth)
    assert child.milestones.exists()


def test_twins_are_two_children_of_one_pregnancy_each_with_a_calendar(
    login, sagefemme, late_pregnancy
):
    late_pregnancy.fetus_count = 2
    late_pregnancy.save()
    birth = late_pregnancy.lmp + timedelta(weeks=36)
    login(sagefemme).post(
        _url(late_pregnancy),
        {
            "birth_date": birth.isoformat(),
            "child_1_first_name": "Jade",
            "child_1_sex": "F",
            "child_2_first_name": "Lou",
            "child_2_sex": "I",
        },
    )
    twins = list(Child.objects.filter(pregnancy=late_pregnancy))
    assert [c.first_name for c in twins] == ["Jade", "Lou"]
    assert all(c.is_preterm and c.milestones.exists() for c in twins)


def test_a_birth_before_22_sa_is_refused_and_nothing_is_saved(login, sagefemme, late_pregnancy):
    too_early = late_pregnancy.lmp + timedelta(weeks=21, days=6)
    response = login(sagefemme).post(
        _url(late_pregnancy), {"birth_date": too_early.isoformat(), "child_1_sex": "I"}
    )
    assert response.status_code == 422
    assert "La naissance ne peut pas précéder 22 SA" in response.content.decode()
    assert not Child.objects.exists()
    late_pregnancy.refresh_from_db()
    assert late_pregnancy.outcome == PregnancyOutcome.ONGOING


def test_a_birth_in_the_future_is_refused(login, sagefemme, late_pregnancy):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = login(sagefemme).post(
        _url(late_pregnancy), {"birth_date": tomorrow.isoformat(), "child_1_sex": "I"}
    )
    assert response.status_code == 422
    assert "ne peut pas être dans le futur" in response.content.decode()
    assert not Child.objects.exists()
