"""The birth closes the pregnancy in the store, the worklist, the parent calendar and the
iCal feed (shared reference calendar.md: « a birth ends the pregnancy: every
pregnancy-only step that is not done becomes non applicable at the birth »), and the
stored calendar follows the new pregnancy fields (issue 10)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from millejours.pathway import services
from millejours.pathway.calendar import get_rules, materialise, refresh_states
from millejours.pathway.models import Milestone, MilestoneState, Parent, Pregnancy, Subject
from millejours.pathway.worklist import BUCKETS, worklist
from tests import factories

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = dt.date.today()
LMP = TODAY - dt.timedelta(days=32 * 7 + 10)  # born at 32 SA, ten days ago
BIRTH = LMP + dt.timedelta(days=32 * 7)
PREGNANCY_ONLY = {r.code for r in get_rules().by_subject("grossesse")}


@pytest.fixture
def born_at_32_weeks(db, sagefemme, parent, commune):
    fam = factories.family(lmp=LMP, care_team=[sagefemme], parent_user=parent, commune_obj=commune)
    pregnancy = fam.pregnancies.get()
    materialise([pregnancy], today=BIRTH - dt.timedelta(days=1))
    done = Milestone.objects.get(pregnancy=pregnancy, code="echographie_t1")
    services.milestone_mark_done(
        milestone=done, user=sagefemme, done_on=LMP + dt.timedelta(days=85)
    )
    services.birth_record(
        pregnancy=pregnancy, user=sagefemme, birth_date=BIRTH, gestational_age_weeks=32
    )
    return fam


def pregnancy_states(fam):
    return dict(
        Milestone.objects.filter(family=fam, subject=Subject.PREGNANCY).values_list("code", "state")
    )


def test_the_store_marks_every_pregnancy_step_not_done_non_applicable(born_at_32_weeks):
    states = pregnancy_states(born_at_32_weeks)
    assert states.pop("echographie_t1") == MilestoneState.DONE
    assert {"echographie_t3", "epp", "examen_prenatal_6", "terme_prevu"} & set(states)
    assert set(states.values()) == {MilestoneState.NOT_APPLICABLE}


def test_rematerialising_and_the_nightly_refresh_keep_them_closed(born_at_32_weeks):
    pregnancy = born_at_32_weeks.pregnancies.get()
    assert materialise([pregnancy]).written == 0
    refresh_states(TODAY + dt.timedelta(days=60))
    assert MilestoneState.LATE not in pregnancy_states(born_at_32_weeks).values()


def test_the_nightly_refresh_closes_a_pregnancy_step_left_open_after_a_birth(born_at_32_weeks):
    Milestone.objects.filter(family=born_at_32_weeks, code="echographie_t3").update(
        state=MilestoneState.LATE
    )
    refresh_states(TODAY)
    assert pregnancy_states(born_at_32_weeks)["echographie_t3"] == MilestoneState.NOT_APPLICABLE


def test_the_worklist_shows_no_pregnancy_step_after_the_birth(born_at_32_weeks, sagefemme):
    for bucket in BUCKETS:
        items = worklist(sagefemme, bucket=bucket, per_page=100).items
        assert not [m.code for m in items if m.code in PREGNANCY_ONLY], bucket
    late = worklist(sagefemme, bucket="due_this_week", per_page=100).items
    assert any(m.subject == Subject.MOTHER for m in late)  # the mother's own steps remain


def test_the_parent_calendar_shows_no_pregnancy_step_after_the_birth(
    born_at_32_weeks, login, parent
):
    html = login(parent).get(reverse("pathway:parent_calendar")).content.decode()
    missed = Milestone.objects.filter(family=born_at_32_weeks, subject=Subject.PREGNANCY).exclude(
        state=MilestoneState.DONE
    )
    assert missed.exists()
    for m in missed:
        assert f'data-code="{m.code}"' not in html and m.label not in html, m.code
    assert 'data-code="visite_retour_domicile"' in html


def test_the_ical_feed_has_no_pregnancy_step_after_the_birth(born_at_32_weeks, client, parent):
    feed = services.calendar_feed_create(family=born_at_32_weeks, user=parent)
    cal = Calendar.from_ical(client.get(reverse("pathway:ical_feed", args=[feed.token])).content)
    codes = {str(e["x-millejours-code"]) for e in cal.walk("VEVENT")}
    assert codes and not codes & PREGNANCY_ONLY


# --- New pregnancy fields -------------------------------------------------------------------


def codes_of(fam):
    return set(
        Milestone.objects.filter(family=fam)
        .exclude(state=MilestoneState.NOT_APPLICABLE)
        .values_list("code", flat=True)
    )


@pytest.mark.parametrize(
    "field",
    [
        "bmi_25_or_more",
        "family_history_type2_diabetes",
        "previous_gestational_diabetes_or_macrosomia",
    ],
)
def test_a_recorded_risk_factor_adds_the_gestational_diabetes_screening(db, field):
    fam = factories.family(lmp=D(2025, 1, 31))
    materialise(fam.pregnancies.all(), today=D(2025, 3, 1))
    assert "depistage_diabete_gestationnel" not in codes_of(fam)
    fam.pregnancies.update(**{field: True})
    materialise(fam.pregnancies.all(), today=D(2025, 3, 1))
    assert "depistage_diabete_gestationnel" in codes_of(fam)


def test_age_35_is_computed_from_the_mothers_birth_date_at_the_ddr(db):
    fam = factories.family(lmp=D(2025, 1, 31))
    Parent.objects.filter(family=fam).update(birth_date=D(1990, 2, 1))  # 34 on the DDR
    materialise(fam.pregnancies.all(), today=D(2025, 3, 1))
    assert "depistage_diabete_gestationnel" not in codes_of(fam)
    Parent.objects.filter(family=fam).update(birth_date=D(1990, 1, 31))  # 35 on the DDR
    materialise(fam.pregnancies.all(), today=D(2025, 3, 1))
    assert "depistage_diabete_gestationnel" in codes_of(fam)


def test_the_rsv_campaign_follows_the_departement_of_the_familys_commune(db):
    guyane = factories.commune(insee_code="97302", name="Cayenne", postcodes=["97300"])
    fam = factories.family(lmp=D(2024, 6, 1), commune_obj=guyane)
    pregnancy = fam.pregnancies.get()
    factories_child(pregnancy, D(2025, 3, 10), 40)
    materialise([pregnancy], today=D(2025, 4, 1))
    assert Milestone.objects.get(family=fam, code="immunisation_vrs_nourrisson").window_start == D(
        2025, 8, 1
    )


def test_pregnancy_pertussis_dose_done_removes_the_cocooning_step(db, sagefemme):
    fam = factories.family(lmp=D(2025, 1, 31))
    pregnancy = fam.pregnancies.get()
    materialise([pregnancy], today=D(2025, 7, 1))
    m = Milestone.objects.get(pregnancy=pregnancy, code="vaccin_coqueluche_grossesse")
    Milestone.objects.filter(pk=m.pk).update(state=MilestoneState.DONE, done_on=D(2025, 7, 1))
    factories_child(pregnancy, D(2025, 10, 31), 38)
    materialise([pregnancy], today=D(2025, 11, 1))
    assert "vaccin_coqueluche_post_partum" not in codes_of(fam)
    assert Milestone.objects.get(pk=m.pk).state == MilestoneState.DONE


def test_immunocompromised_mother_keeps_the_infant_rsv_immunisation(db):
    fam = factories.family(lmp=D(2025, 2, 1), mother_immunocompromised=True)
    pregnancy = fam.pregnancies.get()
    materialise([pregnancy], today=D(2025, 9, 1))
    Milestone.objects.filter(pregnancy=pregnancy, code="vaccin_vrs_grossesse").update(
        state=MilestoneState.DONE, done_on=D(2025, 9, 20)
    )
    factories_child(pregnancy, D(2025, 10, 25), 38)
    materialise([pregnancy], today=D(2025, 10, 26))
    assert "immunisation_vrs_nourrisson" in codes_of(fam)
    Pregnancy.objects.filter(pk=pregnancy.pk).update(mother_immunocompromised=False)
    materialise([pregnancy], today=D(2025, 10, 26))
    assert "immunisation_vrs_nourrisson" not in codes_of(fam)


def factories_child(pregnancy, birth, weeks):
    from millejours.pathway.models import Child, PregnancyOutcome

    Pregnancy.objects.filter(pk=pregnancy.pk).update(outcome=PregnancyOutcome.BIRTH, ended_on=birth)
    return Child.objects.create(
        family_id=pregnancy.family_id,
        pregnancy=pregnancy,
        birth_date=birth,
        gestational_age_weeks=weeks,
    )


# --- Recording afterwards what was done before the birth -----------------------------------


def test_a_closed_pregnancy_step_can_still_be_recorded_as_done_before_the_birth(
    db, login, sagefemme
):
    """The maternal RSV vaccine recorded after the birth still spares a term baby the
    nirsevimab (HAS 2024): the closed step offers « Marquer comme fait »."""
    fam = factories.family(lmp=D(2025, 2, 1), care_team=[sagefemme])
    pregnancy = fam.pregnancies.get()
    materialise([pregnancy], today=D(2025, 9, 1))
    services.birth_record(
        pregnancy=pregnancy, user=sagefemme, birth_date=D(2025, 10, 25), gestational_age_weeks=38
    )
    vrs = Milestone.objects.get(pregnancy=pregnancy, code="vaccin_vrs_grossesse")
    assert vrs.state == MilestoneState.NOT_APPLICABLE
    client = login(sagefemme)
    detail = client.get(reverse("pathway:family_detail", args=[fam.pk])).content.decode()
    assert reverse("pathway:milestone_done", args=[fam.pk, vrs.pk]) in detail
    url = reverse("pathway:milestone_done", args=[fam.pk, vrs.pk])
    after = client.post(url, {"done_on": "2025-10-26"})
    assert after.status_code == 422 and "naissance" in after.content.decode()
    assert client.post(url, {"done_on": "2025-09-20"}).status_code == 302
    vrs.refresh_from_db()
    assert vrs.state == MilestoneState.DONE
    assert (
        not Milestone.objects.filter(pregnancy=pregnancy, code="immunisation_vrs_nourrisson")
        .exclude(state=MilestoneState.NOT_APPLICABLE)
        .exists()
    )


def test_the_epp_is_never_late_before_the_birth(db):
    """CSP L2122-1 sets no deadline for the EPP: still « à faire » 5 days after the due
    date when the birth has not come (ameli: « à partir du 4e mois »)."""
    fam = factories.family(lmp=D(2025, 1, 31))
    materialise(fam.pregnancies.all(), today=D(2025, 11, 19))  # DPA 14 Nov + 5 days
    assert pregnancy_states(fam)["epp"] == MilestoneState.DUE
    refresh_states(D(2025, 11, 27))  # 42 SA + 6
    assert pregnancy_states(fam)["epp"] == MilestoneState.DUE


def test_the_nightly_refresh_closes_the_steps_of_an_interrupted_pregnancy(db):
    from millejours.pathway.models import PregnancyOutcome

    fam = factories.family(lmp=D(2025, 1, 31))
    materialise(fam.pregnancies.all(), today=D(2025, 4, 1))
    fam.pregnancies.update(outcome=PregnancyOutcome.ENDED, ended_on=D(2025, 4, 1))
    refresh_states(D(2025, 6, 1))
    assert set(pregnancy_states(fam).values()) == {MilestoneState.NOT_APPLICABLE}
