"""EPDS levels, contact offer and item-10 alert follow the data rules at every edge."""

import pytest

from millejours.screening import questionnaires

from .helpers import epds_for_points


def score(points):
    return questionnaires.epds().score(epds_for_points(points))


def total_of(total, item10=0):
    """Points spread over items 1–9 so that the total (with item 10) is ``total``."""
    rest = total - item10
    points = []
    for _ in range(9):
        p = min(3, rest)
        points.append(p)
        rest -= p
    assert rest == 0
    return points + [item10]


@pytest.mark.parametrize(
    ("total", "level"),
    [(0, "bas"), (8, "bas"), (9, "vigilance"), (12, "vigilance"), (13, "eleve"), (27, "eleve")],
)
def test_level_edges(total, level):
    result = score(total_of(total))
    assert (result.total, result.level) == (total, level)


@pytest.mark.parametrize(("total", "offer"), [(10, False), (11, True), (12, True)])
def test_contact_is_offered_from_eleven(total, offer):
    assert score(total_of(total)).contact_offer is offer


def test_item_10_at_three_points_gives_eleve_whatever_the_total():
    result = score([0] * 9 + [3])
    assert (result.total, result.level, result.alert, result.contact_offer) == (
        3,
        "eleve",
        True,
        True,
    )


@pytest.mark.parametrize("points", [1, 2])
def test_item_10_at_one_or_two_points_alerts_and_offers_contact_without_raising_the_level(points):
    result = score([0] * 9 + [points])
    assert (result.level, result.alert, result.contact_offer) == ("bas", True, True)


def test_item_10_at_zero_never_alerts():
    result = score([3] * 9 + [0])
    assert (result.total, result.level, result.alert) == (27, "eleve", False)


def test_item_10_first_option_is_worth_three_points():
    result = questionnaires.score_epds_positions([0, 0, 3, 0, 3, 3, 3, 3, 3, 0])
    assert result.as_contract() == {
        "total": 3,
        "level": "eleve",
        "contact_offer": True,
        "alert": True,
    }


def test_all_first_options_score_the_reversed_items():
    # items 1, 2, 4 score 0 on their first option; items 3 and 5–10 score 3.
    assert questionnaires.score_epds_positions([0] * 10).total == 21


def test_all_last_options():
    assert questionnaires.score_epds_positions([3] * 10).total == 9


def test_positions_out_of_range_are_refused():
    with pytest.raises(questionnaires.AnswerError, match="hors limites"):
        questionnaires.score_epds_positions([0] * 9 + [4])


def test_not_ten_answers_is_refused():
    with pytest.raises(questionnaires.AnswerError, match="exactement 10"):
        questionnaires.score_epds_positions([0] * 9)


def test_missing_answer_is_refused_by_the_engine():
    answers = epds_for_points([0] * 10)
    del answers["q4"]
    with pytest.raises(questionnaires.AnswerError):
        questionnaires.epds().clean(answers)
