"""OSM opening_hours through the maintained parser (opening-hours-py): real values,
French reasons, "open now" on the service's own clock."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from millejours.directory.opening_hours import (
    OpeningHoursError,
    describe,
    is_french_public_holiday,
    is_open,
    open_now_label,
    parse,
    validate,
)

STANDARD = "Mo-Fr 09:00-12:00, 14:00-17:00; Sa 09:00-12:00; PH off"
# 2026-11-23 is a Monday; 2026-11-11 (Wednesday) is a public holiday.

# Values as found in real listings (OSM and structures' own files). The former
# hand-written parser refused 9 of these 11 (the issue counted 8 of its own 11).
REAL_VALUES = [
    "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
    "Mo-Fr 9:00-12:00",
    'Mo-Fr 09:00-12:00 "sur rendez-vous"',
    '"sur rendez-vous"',
    "Jul-Aug Mo-Fr 10:00-12:00",
    "Mo-Fr 08:30-17:00; Aug off",
    "We[1,3] 14:00-17:00",
    'Tu,Th 09:00-12:00; Mo,We,Fr 09:00-12:00 "sur rendez-vous"; PH off',
    'Mo-Fr 09:00-12:30,13:30-17:00 || "sur rendez-vous"',
    "Mo-Fr 09:00-12:00; Su,PH off",
    "Mo-Sa 08:00-20:00; Dec 25 off",
]


@pytest.mark.parametrize("value", REAL_VALUES)
def test_real_values_are_understood(value):
    assert validate(value) is None
    assert parse(value).describe(date(2026, 11, 23))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 11, 23, 9, 0), True),
        (datetime(2026, 11, 23, 8, 59), False),
        (datetime(2026, 11, 23, 12, 0), False),
        (datetime(2026, 11, 23, 13, 30), False),
        (datetime(2026, 11, 23, 16, 59), True),
        (datetime(2026, 11, 28, 10, 0), True),  # Saturday morning
        (datetime(2026, 11, 28, 15, 0), False),  # Saturday afternoon
        (datetime(2026, 11, 29, 10, 0), False),  # Sunday: not listed
        (datetime(2026, 11, 11, 10, 0), False),  # Armistice, a Wednesday: PH off
    ],
)
def test_standard_week_with_public_holidays_closed(moment, expected):
    assert is_open(STANDARD, moment) is expected


def test_a_later_rule_replaces_an_earlier_one_for_its_days():
    hours = "Mo-Fr 09:00-17:00; We off"
    assert is_open(hours, datetime(2026, 11, 25, 10, 0)) is False  # Wednesday
    assert is_open(hours, datetime(2026, 11, 26, 10, 0)) is True


def test_ranges_past_midnight_continue_the_next_day():
    hours = "Fr 22:00-02:00"
    assert is_open(hours, datetime(2026, 11, 27, 23, 0)) is True
    assert is_open(hours, datetime(2026, 11, 28, 1, 30)) is True
    assert is_open(hours, datetime(2026, 11, 28, 2, 0)) is False


def test_months_and_nth_weekdays_of_the_month():
    summer = "Jul-Aug Mo-Fr 10:00-12:00"
    assert is_open(summer, datetime(2026, 7, 15, 11, 0)) is True
    assert is_open(summer, datetime(2026, 11, 25, 11, 0)) is False
    first_and_third = "We[1,3] 14:00-17:00"
    assert is_open(first_and_third, datetime(2026, 11, 4, 15, 0)) is True  # 1st Wednesday
    assert is_open(first_and_third, datetime(2026, 11, 11, 15, 0)) is False  # 2nd
    assert is_open(first_and_third, datetime(2026, 11, 18, 15, 0)) is True  # 3rd


def test_comments_do_not_change_the_hours_and_a_comment_alone_is_unknown():
    with_comment = 'Mo-Fr 09:00-12:00 "sur rendez-vous"'
    assert is_open(with_comment, datetime(2026, 11, 23, 10, 0)) is True
    assert parse(with_comment).state(datetime(2026, 11, 23, 10, 0)) == ("open", "sur rendez-vous")
    assert is_open('"sur rendez-vous"', datetime(2026, 11, 23, 10, 0)) is False
    assert parse('"sur rendez-vous"').state(datetime(2026, 11, 23, 10, 0))[0] == "unknown"
    fallback = 'Mo-Fr 09:00-12:00 || "sur rendez-vous"'
    assert is_open(fallback, datetime(2026, 11, 23, 10, 0)) is True
    assert is_open(fallback, datetime(2026, 11, 28, 10, 0)) is False  # Saturday: unknown


def test_holiday_hours_override_the_weekday():
    hours = "Mo-Su 08:00-20:00; PH 10:00-12:00"
    assert is_open(hours, datetime(2026, 12, 25, 9, 0)) is False
    assert is_open(hours, datetime(2026, 12, 25, 11, 0)) is True


def test_open_now_is_read_on_the_services_own_clock():
    hours = "Mo-Fr 08:00-12:00"
    paris_14h = datetime(2026, 11, 23, 14, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert is_open(hours, paris_14h) is False  # metropolitan: the office is closed
    assert is_open(hours, paris_14h, departement="971") is True  # 09:00 in Guadeloupe
    assert is_open(hours, paris_14h, departement="974") is False  # 17:00 in La Réunion


@pytest.mark.parametrize(
    "value",
    ["Mo-Fr 9h-12h", "Lu-Ve 09:00-12:00", "", "Mo-Fr 25:00-26:00", "sur rendez-vous", "x" * 301],
)
def test_unreadable_values_are_refused_with_a_french_reason(value):
    with pytest.raises(OpeningHoursError):
        parse(value)
    reason = validate(value)
    assert reason and "expected" not in reason
    assert reason.startswith("horaires")


def test_the_reason_points_at_the_unreadable_part():
    assert "« 9h-12h »" in validate("Mo-Fr 9h-12h")


def test_an_invalid_value_is_never_open_and_is_shown_as_written():
    assert is_open("n'importe quoi", datetime(2026, 11, 23, 10, 0)) is False
    assert is_open("", datetime(2026, 11, 23, 10, 0)) is False
    assert describe("le mardi matin") == ["le mardi matin"]


def test_french_public_holidays_include_easter_based_days():
    assert is_french_public_holiday(date(2026, 4, 6))  # lundi de Pâques 2026
    assert is_french_public_holiday(date(2026, 5, 14))  # Ascension 2026
    assert is_french_public_holiday(date(2026, 5, 25))  # lundi de Pentecôte 2026
    assert not is_french_public_holiday(date(2026, 11, 23))
    assert is_french_public_holiday(date(2026, 4, 3), "67")  # Vendredi saint en Alsace


def test_description_in_french_for_the_coming_week():
    lines = parse(STANDARD).describe(date(2026, 11, 9))
    assert lines[0] == "lundi 9 novembre : 09h00–12h00, 14h00–17h00"
    assert lines[2] == "mercredi 11 novembre (armistice) : fermé"
    assert lines[6] == "dimanche 15 novembre : fermé"
    assert describe('"sur rendez-vous"') == ["sur rendez-vous"]
    assert parse('Mo 09:00-12:00 "sur rendez-vous"').describe(date(2026, 11, 9))[0] == (
        "lundi 9 novembre : 09h00–12h00 (sur rendez-vous)"
    )


def test_the_open_now_label_tells_unknown_apart_from_closed():
    monday_10h = datetime(2026, 11, 23, 10, 0)
    assert open_now_label("Mo-Fr 09:00-12:00", monday_10h) == "oui"
    assert open_now_label("Mo-Fr 14:00-17:00", monday_10h) == "non"
    assert open_now_label('"sur rendez-vous"', monday_10h) == "à confirmer"
    assert open_now_label("Lu-Ve 9h-12h", monday_10h) == "à confirmer"
    assert open_now_label("", monday_10h) == "horaires non renseignés"
