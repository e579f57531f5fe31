"""The calendar engine: a pure function from a case (dates of one pathway) to milestones.

Conventions (docs/calendar.md, with the public sources): DPA = DDR + 287 d; DDG = DDR + 14 d; month
arithmetic with ``dateutil.relativedelta`` (31 Jan + 1 month = 28/29 Feb); windows are
inclusive; a preterm birth is before 37 SA + 0; vaccines follow chronological age; each
child (twins) has its own milestones; child and mother rules only once a birth is known;
pregnancy rules whose window would open after the birth (or the end of the pregnancy)
do not apply, except the ``information`` ones (the due date). The birth (or the end of
the pregnancy) closes the pregnancy: every pregnancy milestone is then ``closed`` (stored
« non applicable » unless it was done), except the maternal vaccines the case says were
given. When several versions of a code apply, the first (oldest ``valid_from``) wins —
the meningococcal C / ACWY choice by the date of the dose relies on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .rules import get_rules
from .schema import INFANT_SEASON, Offset, Rule, RuleSet, Season

DPA_OFFSET_DAYS = 287
DDG_OFFSET_DAYS = 14
PRETERM_DAYS = 37 * 7
MATERNAL_RSV_MIN_DAYS = 14
# While no birth is recorded, "until the birth" ends at 42 SA + 6 (DDR + 300 d): the CNGOF
# recommends inducing labour by then, so a step open "until the birth" is never late
# before the birth.
LATEST_BIRTH_DAYS = 42 * 7 + 6
# Pregnancy milestones that stay meaningful after the birth when the case says they were done.
DONE_BY_CASE = {
    "vaccin_vrs_grossesse": "maternal_rsv_vaccine_on",
    "vaccin_coqueluche_grossesse": "pregnancy_pertussis_vaccine_on",
}


@dataclass(frozen=True)
class ChildCase:
    birth_date: dt.date
    gestational_age_days: int | None = None  # at birth, in days since the DDR (None: birth - DDR)
    key: object = None  # e.g. the Child primary key, copied to the milestones
    bcg_risk: bool = False
    rotavirus_three_doses: bool = False


@dataclass(frozen=True)
class Case:
    lmp: dt.date
    first_child: bool = False
    postpartum_risk: bool = False
    children: tuple[ChildCase, ...] = ()
    ended_on: dt.date | None = None  # pregnancy ended without birth
    maternal_rsv_vaccine_on: dt.date | None = None
    pregnancy_pertussis_vaccine_on: dt.date | None = None
    mother_immunocompromised: bool = False
    gestational_diabetes_risk: bool = False
    departement: str = ""  # "" = metropolitan; "973", "976"… from the commune's INSEE code

    @classmethod
    def from_due_date(cls, due_date: dt.date, **kwargs: Any) -> Case:
        return cls(lmp=due_date - dt.timedelta(days=DPA_OFFSET_DAYS), **kwargs)

    @property
    def due_date(self) -> dt.date:
        return self.lmp + dt.timedelta(days=DPA_OFFSET_DAYS)

    @property
    def birth_date(self) -> dt.date | None:
        return min((c.birth_date for c in self.children), default=None)


@dataclass(slots=True)
class ComputedMilestone:
    code: str
    label: str
    category: str
    subject: str
    status: str
    due: dt.date
    window_start: dt.date
    window_end: dt.date
    source: str
    review: bool
    version: str
    child_key: object = None
    certificate: str = ""
    closed: bool = False  # a pregnancy step closed by the birth (or the end of the pregnancy)

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "code": self.code,
            "label": self.label,
            "category": self.category,
            "due": self.due.isoformat(),
            "window_start": self.window_start.isoformat(),
            "window_end": self.window_end.isoformat(),
            "status": self.status,
            "source": self.source,
            "review": self.review,
        }
        if self.closed:
            data["state"] = "non_applicable"
        return data


def is_preterm(child: ChildCase, lmp: dt.date) -> bool:
    ga = child.gestational_age_days
    if ga is None:
        ga = (child.birth_date - lmp).days
    return ga < PRETERM_DAYS


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day + relativedelta(months=months)``: same result (clamped at month end, e.g.
    31 Jan + 1 month = 28/29 Feb; property-tested against ``dateutil``), ~10x faster —
    this is the engine's hot path during bulk materialisation."""
    m = day.month - 1 + months
    year = day.year + m // 12
    month = m % 12 + 1
    d = day.day
    if d > 28:
        if month == 2:
            dim = 29 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 28
        else:
            dim = _DAYS_IN_MONTH[month]
        if d > dim:
            d = dim
    return dt.date(year, month, d)


def add(day: dt.date, months: int = 0, days: int = 0) -> dt.date:
    """``day`` + months (clamped at month end) + days."""
    if months:
        day = add_months(day, months)
    if days:
        day = day + dt.timedelta(days=days)
    return day


def _point(offset: Offset, anchors: dict[str, dt.date], points: dict[str, dt.date]) -> dt.date:
    base = points[offset.base] if offset.base in points else anchors[offset.base]
    return add(base, offset.months, offset.days)


def departement_of(insee_code: str | None) -> str:
    """The département of a commune INSEE code: ``97302`` → ``973``, ``2A004`` → ``2A``."""
    code = (insee_code or "").strip().upper()
    if len(code) != 5:
        return ""
    return code[:3] if code.startswith("97") else code[:2]


def _clip_to_season(
    season: Season, start: dt.date, end: dt.date, territory: str
) -> tuple[dt.date, dt.date] | None:
    """The part of [start, end] in the campaign that overlaps it most (ties: the earlier)."""
    best = None
    for year in range(start.year - 1, end.year + 1):
        s, e = season.bounds(year, territory)
        lo, hi = max(s, start), min(e, end)
        if lo <= hi and (best is None or (hi - lo) > (best[1] - best[0])):
            best = (lo, hi)
    return best


def _infant_season_window(
    season: Season, birth: dt.date, territory: str
) -> tuple[dt.date, dt.date, dt.date]:
    """Born during a campaign: at birth, until the campaign ends; else at the next campaign."""
    for year in (birth.year - 1, birth.year):
        s, e = season.bounds(year, territory)
        if s <= birth <= e:
            return birth, birth, e
    for year in (birth.year, birth.year + 1):
        s, e = season.bounds(year, territory)
        if s > birth:
            return s, s, e
    raise AssertionError(
        "no campaign after the birth"
    )  # pragma: no cover - a campaign starts every year


def _conditions_hold(rule: Rule, case: Case, child: ChildCase | None) -> bool:
    for cond in rule.conditions:
        if cond == "first_child_or_postpartum_risk":
            ok = case.first_child or case.postpartum_risk
        elif cond == "preterm":
            ok = child is not None and is_preterm(child, case.lmp)
        elif cond == "rotavirus_three_doses":
            ok = child is not None and child.rotavirus_three_doses
        elif cond == "bcg_risk":
            ok = child is not None and child.bcg_risk
        elif cond == "nirsevimab_indicated":
            birth = child.birth_date if child else case.birth_date
            protected = (
                case.maternal_rsv_vaccine_on is not None
                and birth is not None
                and (birth - case.maternal_rsv_vaccine_on).days >= MATERNAL_RSV_MIN_DAYS
            )
            preterm = child is not None and is_preterm(child, case.lmp)
            ok = not protected or preterm or case.mother_immunocompromised
        elif cond == "no_pregnancy_pertussis_vaccine":
            ok = case.pregnancy_pertussis_vaccine_on is None
        elif cond == "gestational_diabetes_risk":
            ok = case.gestational_diabetes_risk
        else:  # pragma: no cover - the loader rejects unknown conditions
            ok = False
        if not ok:
            return False
    return True


def _apply(
    rule: Rule,
    rules: RuleSet,
    case: Case,
    anchors: dict[str, dt.date],
    child: ChildCase | None,
    ref_day: dt.date,
) -> ComputedMilestone | None:
    by_anchor = rule.validity == "anchor"
    if by_anchor and not rule.valid_on(ref_day):
        return None
    if rule.conditions and not _conditions_hold(rule, case, child):
        return None
    if rule.season == INFANT_SEASON:
        start, due, end = _infant_season_window(
            rules.seasons["rsv"], anchors["birth"], case.departement
        )
    else:
        so, do, eo = rule.start, rule.due, rule.end
        start = add(anchors[so.base], so.months, so.days)
        due = add(start if do.base == "start" else anchors[do.base], do.months, do.days)
        eb = eo.base
        end = add(
            start if eb == "start" else due if eb == "due" else anchors[eb], eo.months, eo.days
        )
        if rule.season is not None:
            clipped = _clip_to_season(rules.seasons[rule.season], start, end, case.departement)
            if clipped is None:
                return None
            start, end = clipped
        due = min(max(due, start), end)
    if not by_anchor:  # validity by the date of the dose: the window stops when the rule does
        if not rule.valid_on(due):
            return None
        if rule.valid_to is not None and end > rule.valid_to:
            end = rule.valid_to
    return ComputedMilestone(
        code=rule.code,
        label=rule.label,
        category=rule.category,
        subject=rule.subject,
        status=rule.status,
        due=due,
        window_start=start,
        window_end=end,
        source=rule.source,
        review=rule.review,
        version=rule.version,
        child_key=child.key if child else None,
        certificate=rule.certificate,
    )


def compute_milestones(
    case: Case, *, today: dt.date | None = None, rules: RuleSet | None = None
) -> list[ComputedMilestone]:
    """Every milestone that applies to ``case``, sorted by due date then code.

    ``today`` is accepted for API stability; no rule currently depends on it (the RSV
    season is decided from the dates of the case).
    """
    if rules is None:
        return list(_compute_cached(case))
    return _compute(case, rules)


@lru_cache(maxsize=4096)
def _compute_cached(case: Case) -> tuple[ComputedMilestone, ...]:
    return tuple(_compute(case, get_rules()))


def _sort_key(m: ComputedMilestone) -> tuple[dt.date, dt.date, str, bool, Any]:
    return (m.due, m.window_start, m.code, m.child_key is not None, m.child_key or 0)


def _apply_all(
    rules_of: Iterable[Rule],
    rules: RuleSet,
    case: Case,
    anchors: dict[str, dt.date],
    child: ChildCase | None,
    ref_day: dt.date,
) -> Iterator[ComputedMilestone]:
    """Each code once: the first version that applies."""
    seen: set[str] = set()
    for rule in rules_of:
        if rule.code in seen:
            continue
        m = _apply(rule, rules, case, anchors, child, ref_day)
        if m is not None:
            seen.add(rule.code)
            yield m


def _compute(case: Case, rules: RuleSet) -> list[ComputedMilestone]:
    out: list[ComputedMilestone] = []
    lmp = case.lmp
    birth = case.birth_date
    pregnancy_end = birth or case.ended_on
    anchors = {
        "lmp": lmp,
        "ddg": lmp + dt.timedelta(days=DDG_OFFSET_DAYS),
        "dpa": lmp + dt.timedelta(days=DPA_OFFSET_DAYS),
        "pregnancy_end": pregnancy_end or lmp + dt.timedelta(days=LATEST_BIRTH_DAYS),
    }
    for m in _apply_all(rules.by_subject("grossesse"), rules, case, anchors, None, lmp):
        if pregnancy_end is not None:
            if m.window_start > pregnancy_end and m.category != "information":
                continue
            done_field = DONE_BY_CASE.get(m.code)
            m.closed = done_field is None or getattr(case, done_field) is None
        out.append(m)
    if birth is not None:
        mother_anchors = {**anchors, "birth": birth}
        out.extend(_apply_all(rules.by_subject("mere"), rules, case, mother_anchors, None, birth))
        for child in case.children:
            child_anchors = {**anchors, "birth": child.birth_date}
            out.extend(
                _apply_all(
                    rules.by_subject("enfant"), rules, case, child_anchors, child, child.birth_date
                )
            )
    out.sort(key=_sort_key)
    return out
