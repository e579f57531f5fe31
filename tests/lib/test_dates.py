"""Pregnancy dates: SA arithmetic, DPA → DDR, and the DDR / birth checks."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from millejours.lib.dates import (
    add_months,
    check_birth,
    check_lmp,
    due_date_from_lmp,
    gestational_age,
    lmp_from_due_date,
)
from millejours.lib.errors import InvalidInput

TODAY = date(2026, 3, 15)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


def test_due_date_is_lmp_plus_287_days():
    assert due_date_from_lmp(date(2026, 1, 1)) == date(2026, 10, 15)


def test_lmp_from_due_date_is_dpa_minus_287_days():
    assert lmp_from_due_date(date(2026, 10, 15)) == date(2026, 1, 1)


@settings(max_examples=100, deadline=None)
@given(dates)
def test_dpa_and_ddr_are_inverse(lmp):
    assert lmp_from_due_date(due_date_from_lmp(lmp)) == lmp


@settings(max_examples=100, deadline=None)
@given(dates, st.integers(min_value=0, max_value=400))
def test_gestational_age_counts_weeks_and_days(lmp, elapsed):
    weeks, days = gestational_age(lmp, lmp + timedelta(days=elapsed))
    assert weeks * 7 + days == elapsed and 0 <= days <= 6


def test_gestational_age_refuses_a_date_before_the_lmp():
    with pytest.raises(InvalidInput):
        gestational_age(date(2026, 1, 10), date(2026, 1, 9))


def test_months_are_clamped_to_the_end_of_the_month():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_lmp_in_the_future_is_refused_with_a_french_message():
    with pytest.raises(InvalidInput, match="ne peut pas être dans le futur") as exc:
        check_lmp(TODAY + timedelta(days=1), today=TODAY)
    assert exc.value.code == "lmp_in_future"


def test_lmp_more_than_45_sa_ago_without_birth_is_refused():
    with pytest.raises(InvalidInput, match="plus de 45 SA") as exc:
        check_lmp(TODAY - timedelta(weeks=45, days=1), today=TODAY)
    assert exc.value.code == "lmp_too_old"


def test_lmp_exactly_45_sa_ago_is_accepted():
    lmp = TODAY - timedelta(weeks=45)
    assert check_lmp(lmp, today=TODAY) == lmp


def test_old_lmp_is_accepted_when_the_birth_is_known():
    lmp = TODAY - timedelta(weeks=80)
    assert check_lmp(lmp, today=TODAY, birth_date=lmp + timedelta(weeks=39)) == lmp


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=45 * 7))
def test_any_lmp_within_45_sa_is_accepted(days_ago):
    lmp = TODAY - timedelta(days=days_ago)
    assert check_lmp(lmp, today=TODAY) == lmp


def test_birth_before_22_sa_is_refused():
    lmp = date(2025, 6, 1)
    with pytest.raises(InvalidInput, match="22 SA") as exc:
        check_birth(lmp + timedelta(weeks=22) - timedelta(days=1), lmp=lmp, today=TODAY)
    assert exc.value.code == "birth_before_22_sa"


def test_birth_at_22_sa_is_accepted_and_returns_the_gestational_age():
    lmp = date(2025, 6, 1)
    assert check_birth(lmp + timedelta(weeks=22), lmp=lmp, today=TODAY) == (22, 0)
    assert check_birth(lmp + timedelta(days=39 * 7 + 3), lmp=lmp, today=TODAY) == (39, 3)


def test_birth_in_the_future_is_refused():
    with pytest.raises(InvalidInput, match="futur"):
        check_birth(TODAY + timedelta(days=1), lmp=date(2025, 6, 1), today=TODAY)
