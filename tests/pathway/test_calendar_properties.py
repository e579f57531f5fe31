"""Properties of the engine over many cases (hypothesis)."""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from millejours.pathway.calendar import Case, ChildCase, compute_milestones

LMPS = st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2030, 12, 31))


def add_months(day: dt.date, months: int) -> dt.date:
    """Independent month arithmetic, clamped at month end (the reference's convention)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@st.composite
def cases(draw, with_birth=True):
    lmp = draw(LMPS)
    children = ()
    if with_birth and draw(st.booleans()):
        ga = draw(st.integers(min_value=22 * 7, max_value=45 * 7))
        birth = lmp + dt.timedelta(days=ga)
        n = draw(st.integers(min_value=1, max_value=3))
        children = tuple(
            ChildCase(birth, gestational_age_days=ga, key=i, bcg_risk=draw(st.booleans()),
                      rotavirus_three_doses=draw(st.booleans()))
            for i in range(n)
        )
    return Case(lmp=lmp, first_child=draw(st.booleans()), postpartum_risk=draw(st.booleans()), children=children)


@settings(max_examples=100, deadline=None)
@given(cases())
def test_windows_are_ordered(case):
    for m in compute_milestones(case):
        assert m.window_start <= m.due <= m.window_end, m.code


@settings(max_examples=100, deadline=None)
@given(cases())
def test_every_date_lies_between_the_ddr_and_the_second_birthday(case):
    birth = case.birth_date
    last = add_months(birth, 24) if birth else end_of_ninth_month(case)
    for m in compute_milestones(case):
        assert case.lmp <= m.window_start and m.due <= last, m.code
        if m.code == "examen_enfant_m24_25":  # "24th or 25th month": the only window past 2 years
            assert m.window_end == add_months(birth, 25) - dt.timedelta(days=1)
        else:
            assert m.window_end <= last, m.code


def end_of_ninth_month(case: Case) -> dt.date:
    """The later of the DPA and DDG + 9 months - 1 day (up to 3 days after the DPA)."""
    return max(case.due_date, add_months(case.lmp + dt.timedelta(days=14), 9) - dt.timedelta(days=1))


@settings(max_examples=100, deadline=None)
@given(cases(with_birth=False))
def test_without_birth_everything_lies_between_ddr_and_the_end_of_the_ninth_month(case):
    for m in compute_milestones(case):
        assert case.lmp <= m.window_start and m.window_end <= end_of_ninth_month(case), m.code
        assert m.due <= case.due_date, m.code


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2030, 12, 31)), st.integers(2, 13))
def test_month_of_life_windows_clamp_at_month_end(birth, n):
    case = Case(lmp=birth - dt.timedelta(days=280), children=(ChildCase(birth),))
    ms = {m.code: m for m in compute_milestones(case)}
    code = f"examen_enfant_m{n}"
    if code in ms:
        assert ms[code].window_start == add_months(birth, n - 1)
        assert ms[code].window_end == add_months(birth, n) - dt.timedelta(days=1)
    hexa = ms["vaccin_hexavalent_1"]
    assert hexa.due == add_months(birth, 2)
    assert hexa.window_end == add_months(hexa.due, 1) - dt.timedelta(days=1)


@settings(max_examples=50, deadline=None)
@given(cases())
def test_computation_is_deterministic_and_codes_are_unique_per_subject(case):
    first, second = compute_milestones(case), compute_milestones(case)
    assert first == second
    keys = [(m.child_key, m.code) for m in first]
    assert len(keys) == len(set(keys))


@settings(max_examples=50, deadline=None)
@given(cases())
def test_child_milestones_only_with_a_birth(case):
    subjects = {m.subject for m in compute_milestones(case)}
    if not case.children:
        assert subjects == {"grossesse"}
    else:
        assert {"mere", "enfant"} <= subjects


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)), st.integers(-30, 30))
def test_fast_month_arithmetic_matches_dateutil_relativedelta(day, months):
    from dateutil.relativedelta import relativedelta

    from millejours.pathway.calendar.engine import add_months

    assert add_months(day, months) == day + relativedelta(months=months)
