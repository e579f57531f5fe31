"""The worklist selector: a professional's open milestones across their care teams."""

from __future__ import annotations

import datetime as dt

import pytest

from millejours.pathway.calendar import materialise
from millejours.pathway.models import (
    CareTeamMember,
    FamilyStatus,
    Milestone,
    MilestoneState,
    Pregnancy,
)
from millejours.pathway.worklist import BUCKETS, week_bounds, worklist, worklist_counts
from tests import factories

D = dt.date
TODAY = D(2025, 6, 4)  # a Wednesday: week 2 June → 8 June


@pytest.fixture
def followed(db, sagefemme):
    fam = factories.family(lmp=D(2025, 1, 31), care_team=[sagefemme], display_name="Foyer Durand")
    materialise(Pregnancy.objects.filter(family=fam), today=TODAY)
    return fam


def test_week_bounds_are_monday_to_sunday():
    assert week_bounds(TODAY) == (D(2025, 6, 2), D(2025, 6, 8))


def test_buckets_split_open_milestones_by_dates(followed, sagefemme):
    def codes(bucket):
        return {m.code for m in worklist(sagefemme, bucket=bucket, today=TODAY, per_page=100).items}

    lists = {bucket: codes(bucket) for bucket in BUCKETS}
    assert {"echographie_t1", "declaration_grossesse"} <= lists["late"]  # windows ended in May
    # due 14 May / 8 May, windows open until 13 June: not « cette semaine » any more
    assert {"examen_prenatal_2", "epp"} <= lists["open_window"]
    assert {"echographie_t2", "terme_prevu"} <= lists["upcoming"]
    monday, sunday = week_bounds(TODAY)
    for m in Milestone.objects.filter(code__in=lists["due_this_week"]):
        assert monday <= m.due <= sunday or TODAY <= m.window_end <= sunday
    # the buckets partition the open milestones
    everything = [code for codes_ in lists.values() for code in codes_]
    open_count = Milestone.objects.filter(
        family=followed, state__in=["a_venir", "a_faire", "en_retard"]
    ).count()
    assert len(everything) == len(set(everything)) == open_count


def test_done_and_non_applicable_milestones_are_not_listed(followed, sagefemme):
    Milestone.objects.filter(family=followed, code="echographie_t1").update(
        state=MilestoneState.DONE
    )
    Milestone.objects.filter(family=followed, code="declaration_grossesse").update(
        state=MilestoneState.NOT_APPLICABLE
    )
    late = {m.code for m in worklist(sagefemme, bucket="late", today=TODAY).items}
    assert "echographie_t1" not in late and "declaration_grossesse" not in late


def test_outsider_and_removed_members_and_parents_see_nothing(
    followed, outsider, sagefemme, parent
):
    assert worklist(outsider, bucket="late", today=TODAY).total == 0
    assert worklist(parent, bucket="late", today=TODAY).total == 0
    CareTeamMember.objects.filter(user=sagefemme).update(removed_at="2025-06-01T00:00:00Z")
    assert worklist_counts(sagefemme, today=TODAY) == dict.fromkeys(BUCKETS, 0)


def test_closed_families_leave_the_worklist(followed, sagefemme):
    followed.status = FamilyStatus.CLOSED
    followed.save()
    assert worklist(sagefemme, bucket="upcoming", today=TODAY).total == 0


def test_filters_by_category_code_commune_and_family_search(followed, sagefemme):
    other_commune = factories.commune("31411", "Ramonville-Saint-Agne")
    other = factories.family(
        lmp=D(2025, 1, 31),
        care_team=[sagefemme],
        commune_obj=other_commune,
        display_name="Foyer Petit",
    )
    materialise(Pregnancy.objects.filter(family=other), today=TODAY)
    up = dict(bucket="upcoming", today=TODAY, per_page=100)
    assert {m.category for m in worklist(sagefemme, category="echographie", **up).items} == {
        "echographie"
    }
    assert {m.code for m in worklist(sagefemme, code="terme_prevu", **up).items} == {"terme_prevu"}
    assert {m.family_id for m in worklist(sagefemme, commune="31411", **up).items} == {other.pk}
    assert {m.family_id for m in worklist(sagefemme, q="durand", **up).items} == {followed.pk}
    assert {m.family_id for m in worklist(sagefemme, q=other.reference, **up).items} == {other.pk}


def test_pagination_is_stable_and_clamped(followed, sagefemme):
    total = worklist(sagefemme, bucket="upcoming", today=TODAY).total
    first = worklist(sagefemme, bucket="upcoming", today=TODAY, per_page=3)
    assert total > 6 and first.num_pages == -(-total // 3)
    pages = [
        worklist(sagefemme, bucket="upcoming", today=TODAY, per_page=3, page=p)
        for p in range(1, first.num_pages + 1)
    ]
    seen = [m.pk for p in pages for m in p.items]
    assert len(seen) == len(set(seen)) == total
    assert pages[0].has_next and not pages[0].has_previous
    assert [m.due for m in pages[0].items] == sorted(m.due for m in pages[0].items)
    last = worklist(sagefemme, bucket="upcoming", today=TODAY, per_page=3, page=999)
    assert last.page == last.num_pages and not last.has_next


def test_counts_match_the_pages(followed, sagefemme):
    counts = worklist_counts(sagefemme, today=TODAY)
    for bucket, n in counts.items():
        assert worklist(sagefemme, bucket=bucket, today=TODAY).total == n


def test_no_n_plus_one(followed, sagefemme, django_assert_num_queries):
    for _ in range(3):
        fam = factories.family(lmp=D(2025, 1, 31), care_team=[sagefemme])
        materialise(Pregnancy.objects.filter(family=fam), today=TODAY)
    with django_assert_num_queries(4):  # followed families, active ones, count, page
        page = worklist(sagefemme, bucket="upcoming", today=TODAY, per_page=100)
        shown = [(m.family.display_name, m.family.commune.name, m.child) for m in page.items]
    assert len(shown) == page.total > 25


def test_unknown_bucket_is_an_error(sagefemme):
    with pytest.raises(ValueError):
        worklist(sagefemme, bucket="hier", today=TODAY)


def test_many_followed_families_use_a_subquery_with_the_same_result(
    followed, sagefemme, monkeypatch
):
    from millejours.pathway import worklist as module

    expected = [
        m.pk for m in worklist(sagefemme, bucket="upcoming", today=TODAY, per_page=100).items
    ]
    monkeypatch.setattr(module, "MAX_LITERAL_IDS", 0)
    assert [
        m.pk for m in worklist(sagefemme, bucket="upcoming", today=TODAY, per_page=100).items
    ] == expected
    assert expected
