"""The family record: parents, pregnancy, and the timeline grouped by phase."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.audit.models import AccessLog
from millejours.pathway.calendar import materialise
from millejours.pathway.models import Milestone, MilestoneState
from tests import factories

pytestmark = pytest.mark.django_db


def _url(family):
    return reverse("pathway:family_detail", args=[family.pk])


@pytest.fixture
def calendar(family):
    materialise(family.pregnancies.all())
    return family


def test_the_record_shows_parents_pregnancy_and_timeline(login, sagefemme, calendar):
    html = login(sagefemme).get(_url(calendar)).content.decode()
    assert "Camille Exemple" in html
    assert "Grossesse — DDR" in html
    assert "Parcours des 1000 jours" in html
    assert "Entretien prénatal précoce (EPP)" in html


def test_each_milestone_shows_its_state_window_and_source(login, sagefemme, calendar):
    milestone = Milestone.objects.filter(family=calendar).exclude(source="").first()
    html = login(sagefemme).get(_url(calendar)).content.decode()
    assert f'id="etape-{milestone.pk}"' in html
    assert f"badge state-{milestone.state}" in html
    assert milestone.window_start.strftime("%d/%m/%Y") in html
    assert f'href="{milestone.source}"' in html


def test_rules_to_review_carry_no_warning_mark_for_professionals(login, sagefemme, calendar):
    # Issue 10: review flags are shown on the « Règles à valider » page only.
    assert Milestone.objects.filter(family=calendar, review=True).exists()
    assert "⚠" not in login(sagefemme).get(_url(calendar)).content.decode()


def test_after_a_birth_the_timeline_has_mother_and_child_phases(login, sagefemme, family):
    from millejours.pathway import services

    pregnancy = family.pregnancies.get()
    pregnancy.lmp = timezone.localdate() - timedelta(weeks=42)
    pregnancy.save()
    services.birth_record(
        pregnancy=pregnancy,
        user=sagefemme,
        birth_date=pregnancy.lmp + timedelta(weeks=39),
        gestational_age_weeks=39,
        children=[{"first_name": "Léa", "sex": "F"}],
    )
    html = login(sagefemme).get(_url(family)).content.decode()
    assert "Après la naissance — mère" in html
    assert "Enfant — Léa" in html


def test_opening_the_record_writes_the_access_log(login, sagefemme, family):
    login(sagefemme).get(_url(family))
    assert (
        AccessLog.objects.filter(
            family_id_ref=family.pk, page="pathway:family_detail", user=sagefemme
        ).count()
        == 1
    )


def test_a_parent_is_sent_to_their_calendar(login, parent, family):
    response = login(parent).get(_url(family))
    assert response.status_code == 302
    assert response["Location"] == reverse("pathway:parent_calendar")


def test_the_family_list_shows_only_followed_families(login, sagefemme, family):
    other = factories.family(display_name="Foyer Inconnu")
    html = login(sagefemme).get(reverse("pathway:family_list")).content.decode()
    assert family.display_name in html
    assert other.display_name not in html


def test_the_family_list_can_be_searched(login, sagefemme, family):
    factories.family(display_name="Foyer Bernard", care_team=[sagefemme])
    client = login(sagefemme)
    html = client.get(reverse("pathway:family_list"), {"q": "bernard"}).content.decode()
    assert "Foyer Bernard" in html and family.display_name not in html


def test_the_family_list_is_paginated(login, sagefemme):
    for i in range(27):
        factories.family(display_name=f"Foyer Page {i:02d}", care_team=[sagefemme])
    client = login(sagefemme)
    first = client.get(reverse("pathway:family_list")).content.decode()
    second = client.get(reverse("pathway:family_list"), {"page": 2}).content.decode()
    assert "Page 1 sur 2" in first and "Foyer Page 26" not in first
    assert "Foyer Page 26" in second


def test_the_family_list_counts_late_milestones(login, sagefemme, calendar):
    Milestone.objects.filter(family=calendar).update(state=MilestoneState.LATE)
    html = login(sagefemme).get(reverse("pathway:family_list")).content.decode()
    assert "en retard" in html


def test_adding_a_pregnancy_computes_its_calendar(login, sagefemme, family):
    client = login(sagefemme)
    lmp = timezone.localdate() - timedelta(days=20)
    response = client.post(
        reverse("pathway:pregnancy_create", args=[family.pk]),
        {"grossesse-lmp": lmp.isoformat(), "grossesse-fetus_count": "1"},
    )
    assert response.status_code == 302
    pregnancy = family.pregnancies.get(lmp=lmp)
    assert pregnancy.milestones.exists()


def test_an_invalid_pregnancy_is_not_saved(login, sagefemme, family):
    client = login(sagefemme)
    future = timezone.localdate() + timedelta(days=3)
    response = client.post(
        reverse("pathway:pregnancy_create", args=[family.pk]),
        {"grossesse-lmp": future.isoformat(), "grossesse-fetus_count": "1"},
    )
    assert response.status_code == 422
    assert family.pregnancies.count() == 1


def test_correcting_the_lmp_recomputes_the_calendar_and_keeps_what_was_done(
    login, sagefemme, calendar
):
    from millejours.pathway import services

    pregnancy = calendar.pregnancies.get()
    done = Milestone.objects.filter(family=calendar, state=MilestoneState.DUE).first()
    services.milestone_mark_done(milestone=done, user=sagefemme, done_on=timezone.localdate())
    new_lmp = pregnancy.lmp - timedelta(days=14)
    response = login(sagefemme).post(
        reverse("pathway:pregnancy_edit", args=[calendar.pk, pregnancy.pk]),
        {
            "grossesse-lmp": new_lmp.isoformat(),
            "grossesse-fetus_count": "1",
            "grossesse-first_child": "on",
        },
    )
    assert response.status_code == 302
    pregnancy.refresh_from_db()
    assert pregnancy.lmp == new_lmp
    term = Milestone.objects.get(pregnancy=pregnancy, code="terme_prevu")
    assert term.due == new_lmp + timedelta(days=287)
    done.refresh_from_db()
    assert done.state == MilestoneState.DONE


def test_a_correction_that_puts_the_birth_before_22_sa_is_refused(login, sagefemme, family):
    from millejours.pathway import services

    pregnancy = family.pregnancies.get()
    pregnancy.lmp = timezone.localdate() - timedelta(weeks=41)
    pregnancy.save()
    services.child_record(
        pregnancy=pregnancy,
        user=sagefemme,
        birth_date=timezone.localdate() - timedelta(days=7),
        gestational_age_weeks=40,
    )
    too_late = timezone.localdate() - timedelta(weeks=10)
    response = login(sagefemme).post(
        reverse("pathway:pregnancy_edit", args=[family.pk, pregnancy.pk]),
        {"grossesse-lmp": too_late.isoformat(), "grossesse-fetus_count": "1"},
    )
    assert response.status_code == 422
    assert "La naissance ne peut pas précéder 22 SA" in response.content.decode()
    pregnancy.refresh_from_db()
    assert pregnancy.lmp == timezone.localdate() - timedelta(weeks=41)
