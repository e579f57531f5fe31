"""Properties of the engine over many cases (hypothesis)."""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from millejours.pathway.calendar import Case, ChildCase, compute_milestones, get_rules

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
            ChildCase(
                birth,
                gestational_age_days=ga,
                key=i,
                bcg_risk=draw(st.booleans()),
                rotavirus_three_doses=draw(st.booleans()),
            )
            for i in range(n)
        )
    rsv = draw(st.none() | st.integers(min_value=20 * 7, max_value=40 * 7))
    ended = None
    if not children and draw(st.booleans()):  # a pregnancy interrupted before 22 SA
        ended = lmp + dt.timedelta(days=draw(st.integers(min_value=1, max_value=22 * 7 - 1)))
    return Case(
        lmp=lmp,
        first_child=draw(st.booleans()),
        postpartum_risk=draw(st.booleans()),
        children=children,
        maternal_rsv_vaccine_on=None if rsv is None else lmp + dt.timedelta(days=rsv),
        mother_immunocompromised=draw(st.booleans()),
        gestational_diabetes_risk=draw(st.booleans()),
        departement=draw(st.sampled_from(["", "31", "973", "976", "2A"])),
        ended_on=ended,
    )


# "Until the birth" (the EPP): 42 SA + 6 while the birth is unknown, never late before it.
UNTIL_BIRTH = {"epp"}


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
        if m.code in UNTIL_BIRTH and not birth:
            assert m.window_end == (case.ended_on or case.lmp + dt.timedelta(days=42 * 7 + 6))
        elif m.code == "examen_enfant_m24_25":  # "24th or 25th month": the only window past 2 years
            assert m.window_end == add_months(birth, 25) - dt.timedelta(days=1)
        else:
            assert m.window_end <= last, m.code


def end_of_ninth_month(case: Case) -> dt.date:
    """The later of the DPA and DDG + 9 months - 1 day (up to 3 days after the DPA)."""
    return max(
        case.due_date, add_months(case.lmp + dt.timedelta(days=14), 9) - dt.timedelta(days=1)
    )


@settings(max_examples=100, deadline=None)
@given(cases(with_birth=False))
def test_without_birth_everything_lies_between_ddr_and_the_end_of_the_ninth_month(case):
    for m in compute_milestones(case):
        last = (
            case.lmp + dt.timedelta(days=42 * 7 + 6)
            if m.code in UNTIL_BIRTH
            else end_of_ninth_month(case)
        )
        assert case.lmp <= m.window_start and m.window_end <= last, m.code
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
@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)), st.integers(-30, 30)
)
def test_fast_month_arithmetic_matches_dateutil_relativedelta(day, months):
    from dateutil.relativedelta import relativedelta

    from millejours.pathway.calendar.engine import add_months

    assert add_months(day, months) == day + relativedelta(months=months)


PREGNANCY_ONLY = {r.code for r in get_rules().by_subject("grossesse")}


@settings(max_examples=100, deadline=None)
@given(cases())
def test_no_pregnancy_only_step_is_open_after_the_birth(case):
    """Shared reference: a birth ends the pregnancy (every step not done is non applicable);
    so does the end of an interrupted pregnancy."""
    ended = case.birth_date or case.ended_on
    for m in compute_milestones(case):
        if m.code in PREGNANCY_ONLY and ended is not None:
            assert m.closed or (
                m.code == "vaccin_vrs_grossesse" and case.maternal_rsv_vaccine_on
            ), m.code
        else:
            assert not m.closed, m.code


@settings(max_examples=200, deadline=None)
@given(cases())
def test_no_meningococcal_c_dose_after_2024(case):
    """Calendrier des vaccinations 2025: every dose due from 2025-01-01 is ACWY."""
    for m in compute_milestones(case):
        if "méningocoque C" in m.label:
            assert m.due <= dt.date(2024, 12, 31) and m.window_end <= dt.date(2024, 12, 31)
        if m.code.startswith("vaccin_meningocoque_acwy") and m.due >= dt.date(2025, 1, 1):
            assert m.label.startswith("Vaccin contre les méningocoques ACWY")


@settings(max_examples=100, deadline=None)
@given(cases())
def test_twins_get_the_same_kinds_of_milestones_as_their_sibling_born_the_same_day(case):
    by_child: dict = {}
    for m in compute_milestones(case):
        if m.child_key is not None and m.code not in (
            "vaccin_bcg",
            "vaccin_rotavirus_3",
        ):  # per-child flags
            by_child.setdefault(m.child_key, set()).add((m.code, m.label, m.due))
    assert len({frozenset(v) for v in by_child.values()}) <= 1
