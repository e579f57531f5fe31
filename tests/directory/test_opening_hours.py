"""The OSM opening_hours subset: parsing, French reasons, evaluation of "open now"."""

from datetime import date, datetime

import pytest

from millejours.directory.opening_hours import (
    OpeningHoursError,
    is_french_public_holiday,
    is_open,
    parse,
    validate,
)

STANDARD = "Mo-Fr 09:00-12:00, 14:00-17:00; Sa 09:00-12:00; PH off"
# 2026-11-23 is a Monday; 2026-11-11 (Wednesday) is a public holiday.


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


def test_always_open_and_day_lists_and_wrapping_day_ranges():
    assert is_open("24/7", datetime(2026, 12, 25, 3, 0)) is True
    assert is_open("Mo,We,Fr 08:30-12:30", datetime(2026, 11, 25, 9, 0)) is True
    assert is_open("Mo,We,Fr 08:30-12:30", datetime(2026, 11, 24, 9, 0)) is False
    assert is_open("Sa-Mo 10:00-11:00", datetime(2026, 11, 29, 10, 30)) is True  # Sunday
    assert is_open("Sa-Mo 10:00-11:00", datetime(2026, 11, 25, 10, 30)) is False


def test_holiday_hours_override_the_weekday():
    hours = "Mo-Su 08:00-20:00; PH 10:00-12:00"
    assert is_open(hours, datetime(2026, 12, 25, 9, 0)) is False
    assert is_open(hours, datetime(2026, 12, 25, 11, 0)) is True


@pytest.mark.parametrize(
    "value",
    [
        "Mo-Fr 9h-12h",
        "Lu-Ve 09:00-12:00",
        "Mo-Fr",
        "Mo-Fr 12:00-12:00",
        "Jan Mo 09:00-10:00",
        "",
        "Mo-Fr 25:00-26:00",
    ],
)
def test_unsupported_values_are_refused_with_a_french_reason(value):
    with pytest.raises(OpeningHoursError):
        parse(value)
    assert validate(value)


def test_an_invalid_value_is_never_open():
    assert is_open("n'importe quoi", datetime(2026, 11, 23, 10, 0)) is False
    assert is_open("", datetime(2026, 11, 23, 10, 0)) is False


def test_french_public_holidays_include_easter_based_days():
    assert is_french_public_holiday(date(2026, 4, 6))  # lundi de Pâques 2026
    assert is_french_public_holiday(date(2026, 5, 14))  # Ascension 2026
    assert is_french_public_holiday(date(2026, 5, 25))  # lundi de Pentecôte 2026
    assert not is_french_public_holiday(date(2026, 11, 23))


def test_description_in_french():
    lines = parse(STANDARD).describe()
    assert lines[0] == "lundi : 09h00–12h00, 14h00–17h00"
    assert lines[6] == "dimanche : fermé"
    assert lines[-1] == "jours fériés : fermé"
