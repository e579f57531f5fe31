"""Materialisation: milestones stored in bulk, idempotent, never losing what was done."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from millejours.pathway.calendar import (
    Case,
    compute_milestones,
    materialise,
    refresh_states,
)
from millejours.pathway.models import Child, Milestone, MilestoneState, Pregnancy, PregnancyOutcome
from tests import factories

D = dt.date
LMP = D(2025, 1, 31)
TODAY = D(2025, 6, 1)


@pytest.fixture
def pregnancy(db):
    fam = factories.family(lmp=LMP, first_child=False)
    return fam.pregnancies.get()


def states(pregnancy):
    return dict(
        Milestone.objects.filter(pregnancy=pregnancy, child__isnull=True).values_list(
            "code", "state"
        )
    )


def test_materialise_stores_every_applicable_milestone_with_its_state(pregnancy):
    result = materialise(Pregnancy.objects.filter(pk=pregnancy.pk), today=TODAY)
    expected = compute_milestones(Case(lmp=LMP))
    assert result.created == len(expected) == Milestone.objects.count()
    s = states(pregnancy)
    assert s["echographie_t1"] == MilestoneState.LATE  # window ended 8 May
    assert s["examen_prenatal_2"] == MilestoneState.DUE  # 14 May → 13 June
    assert s["echographie_t3"] == MilestoneState.UPCOMING
    m = Milestone.objects.get(pregnancy=pregnancy, code="epp")
    assert (m.family_id, m.status, m.review, m.window_end) == (
        pregnancy.family_id,
        "compulsory",
        True,
        D(2025, 11, 27),
    )


def test_materialising_twice_changes_nothing(pregnancy, django_assert_max_num_queries):
    materialise([pregnancy], today=TODAY)
    before = list(Milestone.objects.order_by("pk").values())
    with django_assert_max_num_queries(5):
        result = materialise([pregnancy], today=TODAY)
    assert (result.created, result.updated, result.obsoleted) == (0, 0, 0)
    assert result.unchanged == len(before)
    assert list(Milestone.objects.order_by("pk").values()) == before


def test_a_done_milestone_keeps_its_done_data_when_the_ddr_changes(pregnancy, sagefemme):
    materialise([pregnancy], today=TODAY)
    done = Milestone.objects.get(pregnancy=pregnancy, code="echographie_t1")
    Milestone.objects.filter(pk=done.pk).update(
        state=MilestoneState.DONE, done_on=D(2025, 4, 20), done_by=sagefemme, done_note="RAS"
    )
    Pregnancy.objects.filter(pk=pregnancy.pk).update(lmp=D(2025, 2, 10))
    materialise([pregnancy], today=TODAY)
    done.refresh_from_db()
    assert (done.state, done.done_on, done.done_by, done.done_note) == (
        MilestoneState.DONE,
        D(2025, 4, 20),
        sagefemme,
        "RAS",
    )
    assert done.window_start == D(2025, 4, 28)  # rule data follows the new DDR


def test_milestones_that_no_longer_apply_become_non_applicable_but_done_ones_stay_done(pregnancy):
    pregnancy.first_child = True
    pregnancy.save()
    child = Child.objects.create(
        family=pregnancy.family,
        pregnancy=pregnancy,
        birth_date=D(2025, 10, 31),
        gestational_age_weeks=38,
        gestational_age_days=6,
    )
    materialise([pregnancy], today=TODAY)
    assert Milestone.objects.filter(child=child).count() == 29
    assert states(pregnancy)["epnp_2"] == MilestoneState.UPCOMING
    Milestone.objects.filter(pregnancy=pregnancy, code="epnp").update(
        state=MilestoneState.DONE, done_on=D(2025, 12, 1)
    )
    pregnancy.first_child = False
    pregnancy.save()
    child.delete()
    result = materialise([pregnancy], today=TODAY)
    s = states(pregnancy)
    assert s["epnp_2"] == MilestoneState.NOT_APPLICABLE
    assert s["epnp"] == MilestoneState.DONE
    assert result.obsoleted >= 1
    assert Milestone.objects.filter(pregnancy=pregnancy, code="epnp").exists()


def test_a_milestone_that_applies_again_gets_back_a_live_state(pregnancy):
    pregnancy.epnp_2_risk = True
    pregnancy.save()
    Child.objects.create(
        family=pregnancy.family,
        pregnancy=pregnancy,
        birth_date=D(2025, 10, 31),
        gestational_age_weeks=39,
    )
    materialise([pregnancy], today=TODAY)
    Pregnancy.objects.filter(pk=pregnancy.pk).update(epnp_2_risk=False)
    materialise([pregnancy], today=TODAY)
    assert states(pregnancy)["epnp_2"] == MilestoneState.NOT_APPLICABLE
    Pregnancy.objects.filter(pk=pregnancy.pk).update(epnp_2_risk=True)
    materialise([pregnancy], today=TODAY)
    assert states(pregnancy)["epnp_2"] == MilestoneState.UPCOMING


def test_twins_get_one_set_of_child_milestones_each(pregnancy):
    a = Child.objects.create(
        family=pregnancy.family,
        pregnancy=pregnancy,
        birth_date=D(2025, 9, 1),
        gestational_age_weeks=30,
    )
    b = Child.objects.create(
        family=pregnancy.family,
        pregnancy=pregnancy,
        birth_date=D(2025, 9, 1),
        gestational_age_weeks=30,
    )
    materialise([pregnancy], today=TODAY)
    assert (
        Milestone.objects.filter(child=a).count() == Milestone.objects.filter(child=b).count() == 30
    )  # incl. the preterm dose
    assert Milestone.objects.filter(child=a, code="vaccin_pneumocoque_premature").exists()
    assert Milestone.objects.filter(pregnancy=pregnancy, code="epnp").count() == 1


def test_the_maternal_rsv_vaccine_done_before_birth_removes_the_infant_immunisation(pregnancy):
    materialise([pregnancy], today=TODAY)
    Milestone.objects.filter(pregnancy=pregnancy, code="vaccin_vrs_grossesse").update(
        state=MilestoneState.DONE, done_on=D(2025, 9, 20)
    )
    child = Child.objects.create(
        family=pregnancy.family,
        pregnancy=pregnancy,
        birth_date=D(2025, 10, 31),
        gestational_age_weeks=39,
    )
    materialise([pregnancy], today=TODAY)
    assert not Milestone.objects.filter(child=child, code="immunisation_vrs_nourrisson").exists()


def test_an_interrupted_pregnancy_closes_every_step_not_done(pregnancy):
    """The end of the pregnancy closes it like a birth: nothing stays « en retard »."""
    materialise([pregnancy], today=TODAY)
    Milestone.objects.filter(pregnancy=pregnancy, code="echographie_t1").update(
        state=MilestoneState.DONE, done_on=D(2025, 4, 20)
    )
    Pregnancy.objects.filter(pk=pregnancy.pk).update(
        outcome=PregnancyOutcome.ENDED, ended_on=D(2025, 5, 1)
    )
    materialise([pregnancy], today=TODAY)
    s = states(pregnancy)
    assert s.pop("echographie_t1") == MilestoneState.DONE
    assert set(s.values()) == {MilestoneState.NOT_APPLICABLE}


def test_refresh_states_moves_open_milestones_with_time_and_leaves_done_ones(pregnancy):
    materialise([pregnancy], today=TODAY)
    Milestone.objects.filter(pregnancy=pregnancy, code="echographie_t3").update(
        state=MilestoneState.DONE, done_on=TODAY
    )
    changed = refresh_states(D(2025, 9, 20))
    s = states(pregnancy)
    assert changed > 0
    assert s["examen_prenatal_2"] == MilestoneState.LATE
    assert s["examen_prenatal_6"] == MilestoneState.DUE
    assert s["examen_prenatal_7"] == MilestoneState.UPCOMING
    assert s["echographie_t3"] == MilestoneState.DONE
    assert refresh_states(D(2025, 9, 20)) == 0


def test_calendar_materialise_command_recomputes_all_pregnancies(pregnancy, capsys):
    call_command("calendar_materialise", "--all")
    assert Milestone.objects.filter(pregnancy=pregnancy).exists()
    assert "grossesse(s)" in capsys.readouterr().out


def test_calendar_refresh_command(pregnancy, capsys):
    materialise([pregnancy], today=TODAY)
    call_command("calendar_refresh", "--today", "2025-09-20")
    assert "mise(s) à jour" in capsys.readouterr().out
    assert states(pregnancy)["examen_prenatal_2"] == MilestoneState.LATE


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    lmp=st.dates(min_value=D(2023, 1, 1), max_value=D(2025, 12, 31)),
    ga=st.one_of(st.none(), st.integers(min_value=22 * 7, max_value=43 * 7)),
    first=st.booleans(),
    done_index=st.integers(min_value=0, max_value=40),
    today=st.dates(min_value=D(2023, 1, 1), max_value=D(2028, 1, 1)),
)
def test_recomputation_is_idempotent_and_never_loses_done_milestones(
    lmp, ga, first, done_index, today
):
    fam = factories.family(lmp=lmp, first_child=first)
    preg = fam.pregnancies.get()
    materialise([preg], today=today)
    ms = list(Milestone.objects.filter(pregnancy=preg).order_by("due", "code"))
    done = ms[done_index % len(ms)]
    Milestone.objects.filter(pk=done.pk).update(
        state=MilestoneState.DONE, done_on=today, done_note="fait"
    )
    if ga is not None:
        birth = lmp + dt.timedelta(days=ga)
        Child.objects.create(
            family=fam,
            pregnancy=preg,
            birth_date=birth,
            gestational_age_weeks=ga // 7,
            gestational_age_days=ga % 7,
        )
    Pregnancy.objects.filter(pk=preg.pk).update(first_child=not first)
    materialise([preg], today=today)
    snapshot = list(Milestone.objects.filter(pregnancy=preg).order_by("pk").values())
    again = materialise([preg], today=today)
    assert (again.created, again.updated, again.obsoleted) == (0, 0, 0)
    assert list(Milestone.objects.filter(pregnancy=preg).order_by("pk").values()) == snapshot
    done.refresh_from_db()
    assert (done.state, done.done_on, done.done_note) == (MilestoneState.DONE, today, "fait")


def test_the_generic_bulk_create_path_stores_the_same_milestones(pregnancy, monkeypatch):
    from millejours.pathway.calendar import store

    materialise([pregnancy], today=TODAY)
    fast = list(
        Milestone.objects.order_by("code").values_list(
            "code", "due", "window_start", "window_end", "state", "review"
        )
    )
    Milestone.objects.all().delete()
    monkeypatch.setattr(store, "_fast_path_ok", lambda: False)
    materialise([pregnancy], today=TODAY)
    generic = list(
        Milestone.objects.order_by("code").values_list(
            "code", "due", "window_start", "window_end", "state", "review"
        )
    )
    assert generic == fast and len(fast) > 10


def test_nightly_task_refreshes_states_and_materialise_task_recomputes(pregnancy):
    from millejours.pathway.tasks import materialise_pregnancies, refresh_milestone_states

    assert materialise_pregnancies.call([pregnancy.pk])["created"] > 10
    Milestone.objects.update(state=MilestoneState.UPCOMING)
    assert refresh_milestone_states.call("2025-09-20") > 0
    assert states(pregnancy)["examen_prenatal_2"] == MilestoneState.LATE
