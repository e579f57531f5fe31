"""Properties of the EPDS scoring over all possible answers."""

from hypothesis import given, settings
from hypothesis import strategies as st

from millejours.screening import questionnaires

positions = st.lists(st.integers(min_value=0, max_value=3), min_size=10, max_size=10)


@settings(max_examples=100, deadline=None)
@given(positions)
def test_total_is_between_0_and_30(pos):
    result = questionnaires.score_epds_positions(pos)
    assert 0 <= result.total <= 30
    assert result.level in {"bas", "vigilance", "eleve"}


@settings(max_examples=100, deadline=None)
@given(positions, st.integers(min_value=0, max_value=9))
def test_raising_one_answers_points_never_lowers_the_level(pos, index):
    q = questionnaires.epds()
    answers = q.answers_from_positions(pos)
    before = q.score(answers)
    item = q.choice_items[index]
    current = item.option(answers[item.code]).points
    for option in item.options:
        if option.points > current:
            after = q.score({**answers, item.code: option.code})
            assert q.level_rank(after.level) >= q.level_rank(before.level)
            assert after.total > before.total
            assert after.alert >= before.alert
            assert after.contact_offer >= before.contact_offer


@settings(max_examples=50, deadline=None)
@given(positions)
def test_the_alert_is_exactly_item_10_at_one_point_or_more(pos):
    result = questionnaires.score_epds_positions(pos)
    assert result.alert is (result.points["q10"] >= 1)


@settings(max_examples=200, deadline=None)
@given(positions)
def test_a_positive_item_10_always_gives_eleve(pos):
    # epds.md (review: true): any item-10 answer worth >= 1 point gives `eleve`.
    result = questionnaires.score_epds_positions(pos)
    if result.points["q10"] >= 1:
        assert (result.level, result.alert, result.contact_offer) == ("eleve", True, True)
    else:
        assert result.alert is False


@settings(max_examples=200, deadline=None)
@given(positions, positions)
def test_the_level_is_monotone_in_the_total_for_the_same_item_10(a, b):
    q = questionnaires.epds()
    ra, rb = questionnaires.score_epds_positions(a), questionnaires.score_epds_positions(b)
    if (ra.points["q10"] >= 1) == (rb.points["q10"] >= 1) and ra.total <= rb.total:
        assert q.level_rank(ra.level) <= q.level_rank(rb.level)
