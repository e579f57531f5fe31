"""Worklist triage: « cette semaine » by dates, ranked late list, « à vérifier », postponed
steps, filters, grouping by family (selector level, fixed ``today``)."""

from __future__ import annotations

import datetime as dt

import pytest

from millejours.pathway.calendar import materialise
from millejours.pathway.models import Milestone, MilestoneState, Pregnancy
from millejours.pathway.worklist import BUCKETS, week_bounds, worklist, worklist_counts
from millejours.screening import services as screening
from millejours.screening.models import Respondent
from tests import factories
from tests.screening.helpers import epds_for_points

D = dt.date
TODAY = D(2025, 6, 4)  # Wednesday: week 2 → 8 June
pytestmark = pytest.mark.django_db


LMP = D(2025, 1, 31)


def _follow(sagefemme, lmp=LMP, **kw):
    fam = factories.family(lmp=lmp, care_team=[sagefemme], **kw)
    materialise(Pregnancy.objects.filter(family=fam), today=TODAY)
    return fam


def _ids(user, bucket, **kw):
    return [m.pk for m in worklist(user, bucket=bucket, today=TODAY, per_page=100, **kw).items]


def _open(family, **kw):
    return Milestone.objects.filter(
        family=family, state__in=["a_venir", "a_faire", "en_retard"], **kw
    )


def test_a_step_whose_window_opened_months_ago_is_not_this_week(sagefemme):
    fam = _follow(sagefemme)
    monday, sunday = week_bounds(TODAY)
    week = Milestone.objects.filter(pk__in=_ids(sagefemme, "due_this_week"))
    for m in week:
        assert monday <= m.due <= sunday or TODAY <= m.window_end <= sunday
    long_open = _open(fam, due__lt=monday, window_end__gt=sunday)
    assert long_open.exists()
    assert not set(long_open.values_list("pk", flat=True)) & set(week.values_list("pk", flat=True))


def test_a_window_closing_this_week_is_this_week(sagefemme):
    fam = _follow(sagefemme)
    m = _open(fam, window_end__gt=week_bounds(TODAY)[1]).order_by("due").first()
    Milestone.objects.filter(pk=m.pk).update(
        due=D(2025, 5, 1), window_start=D(2025, 5, 1), window_end=D(2025, 6, 7)
    )
    assert m.pk in _ids(sagefemme, "due_this_week")


def test_old_late_recommended_steps_fold_into_to_review_compulsory_stay_late(sagefemme, settings):
    fam = _follow(sagefemme)
    old = _open(fam).order_by("due")[:2]
    recommended, compulsory = old[0], old[1]
    Milestone.objects.filter(pk=recommended.pk).update(
        status="recommended",
        window_end=D(2025, 4, 1),
        due=D(2025, 3, 20),
        window_start=D(2025, 3, 1),
    )
    Milestone.objects.filter(pk=compulsory.pk).update(
        status="compulsory",
        window_end=D(2025, 4, 1),
        due=D(2025, 3, 20),
        window_start=D(2025, 3, 1),
    )
    assert recommended.pk in _ids(sagefemme, "to_review") and recommended.pk not in _ids(
        sagefemme, "late"
    )
    assert compulsory.pk in _ids(sagefemme, "late")
    settings.MILLEJOURS_WORKLIST_REVIEW_AFTER_DAYS = 365  # a setting, not a constant
    assert recommended.pk in _ids(sagefemme, "late")


def test_late_steps_rank_alerts_then_compulsory_then_recommended(sagefemme):
    quiet = _follow(sagefemme, display_name="Foyer Calme")
    alerted = _follow(sagefemme, display_name="Foyer Alerte")
    screening.epds_submit(
        answers=epds_for_points([3] * 10),
        respondent=Respondent.PARENT,
        family=alerted,
        user=sagefemme,
    )
    assert alerted.alert_tasks.filter(status="ouverte").exists()
    items = worklist(sagefemme, bucket="late", today=TODAY, per_page=100).items
    families = [m.family_id for m in items]
    assert families.index(quiet.pk) > max(i for i, f in enumerate(families) if f == alerted.pk)
    quiet_status = [m.status == "compulsory" for m in items if m.family_id == quiet.pk]
    assert quiet_status == sorted(quiet_status, reverse=True)  # compulsory first


def test_a_postponed_step_leaves_the_list_and_comes_back_that_week(sagefemme):
    fam = _follow(sagefemme)
    late = _open(fam, window_end__lt=TODAY, status="compulsory").first()
    Milestone.objects.filter(pk=late.pk).update(
        postponed_to=D(2025, 6, 20), postpone_reason="Hospitalisée"
    )
    assert late.pk not in _ids(sagefemme, "late") and late.pk in _ids(sagefemme, "upcoming")
    in_two_weeks = dt.date(2025, 6, 18)
    page = worklist(sagefemme, bucket="due_this_week", today=in_two_weeks, per_page=100)
    assert late.pk in [m.pk for m in page.items]
    # the week of that date passed and still not done: late again
    assert late.pk in [
        m.pk for m in worklist(sagefemme, bucket="late", today=D(2025, 6, 30), per_page=100).items
    ]


def test_status_filter_and_counts_match_the_lists(sagefemme):
    _follow(sagefemme)
    for filters in ({}, {"status": "compulsory"}, {"category": "vaccin", "status": "recommended"}):
        counts = worklist_counts(sagefemme, today=TODAY, **filters)
        for bucket in BUCKETS:
            page = worklist(sagefemme, bucket=bucket, today=TODAY, per_page=100, **filters)
            assert page.total == counts[bucket] == len(page.items)
            if filters.get("status"):
                assert {m.status for m in page.items} <= {filters["status"]}


def test_grouped_by_family_with_a_count_per_family(sagefemme):
    a = _follow(sagefemme, display_name="Foyer A")
    b = _follow(sagefemme, display_name="Foyer B", lmp=D(2025, 3, 1))
    page = worklist(sagefemme, bucket="upcoming", today=TODAY, per_page=100, by_family=True)
    families = [m.family_id for m in page.items]
    assert families == sorted(families, key=lambda f: (f != a.pk, f))  # A's rows, then B's
    for fam in (a, b):
        expected = worklist(
            sagefemme, bucket="upcoming", today=TODAY, per_page=100, q=fam.display_name
        ).total
        assert page.family_counts[fam.pk] == expected
        assert {m.family_step_count for m in page.items if m.family_id == fam.pk} == {expected}


@pytest.mark.parametrize("bucket", ["late", "upcoming"])
def test_query_count_does_not_grow_with_rows(sagefemme, django_assert_num_queries, bucket):
    _follow(sagefemme)
    with django_assert_num_queries(5) as few:  # families, active, counts, page, family counts
        page = worklist(sagefemme, bucket=bucket, today=TODAY, per_page=100, by_family=True)
        [(m.family.display_name, m.family.commune.name, m.child) for m in page.items]
    for _ in range(3):
        _follow(sagefemme)
    with django_assert_num_queries(len(few.captured_queries)):
        page = worklist(sagefemme, bucket=bucket, today=TODAY, per_page=100, by_family=True)
        [(m.family.display_name, m.family.commune.name, m.child) for m in page.items]


def test_missed_steps_are_kept_by_the_calendar_engine(sagefemme):
    fam = _follow(sagefemme)
    m = _open(fam).first()
    Milestone.objects.filter(pk=m.pk).update(state=MilestoneState.MISSED)
    materialise(Pregnancy.objects.filter(family=fam), today=TODAY)
    m.refresh_from_db()
    assert m.state == MilestoneState.MISSED
    assert m.pk not in [pk for b in BUCKETS for pk in _ids(sagefemme, b)]
