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


@pytest.mark.parametrize("item10", [1, 2, 3])
def test_any_positive_item_10_gives_eleve_alert_and_contact_whatever_the_total(item10):
    # Source: epds.md, Mille Jours rule (review: true) — never « rassurant » with item 10 >= 1.
    result = score([0] * 9 + [item10])
    assert (result.total, result.level, result.alert, result.contact_offer) == (
        item10,
        "eleve",
        True,
        True,
    )


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


def test_every_threshold_is_sourced_data_marked_for_review():
    q = questionnaires.epds()
    rules = [*q.levels, *q.signals.values(), *q.alerts]
    assert rules
    for rule in rules:
        assert rule["source"].startswith("https://") or "https://" in rule["source"], rule
        assert rule.get("review") is True, rule


@pytest.mark.parametrize(
    ("points", "reason", "hours"),
    [
        ([0] * 9 + [1], "epds_item10", 24),
        ([3] * 9 + [1], "epds_item10", 24),
        ([3, 3, 3, 2] + [0] * 6, "epds_positif", 72),
        ([3, 3, 3, 3, 3] + [0] * 5, "epds_positif", 72),
        ([3, 3, 3, 1] + [0] * 6, None, None),
    ],
)
def test_care_team_task_rules(points, reason, hours):
    q = questionnaires.epds()
    rule = q.alert_for(score(points))
    assert (rule and rule["reason"], rule and rule["due_hours"]) == (reason, hours)
