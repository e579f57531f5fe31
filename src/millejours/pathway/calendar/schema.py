"""The calendar rules as data: allowed values, offsets, seasons, rules and rule sets.

The file format is described in ``rules.py``; ``parsing.py`` checks a file into these types.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

SUBJECTS = ("grossesse", "mere", "enfant")
STATUSES = ("compulsory", "recommended", "conditional", "information")
CATEGORIES = ("examen", "echographie", "entretien", "vaccin", "demarche", "information", "visite")
ANCHORS = ("lmp", "ddg", "dpa", "birth", "pregnancy_end")
POINTS = ("start", "due")
CONDITIONS = (
    "first_child_or_postpartum_risk",  # epnp_2
    "preterm",  # born before 37 SA + 0
    "rotavirus_three_doses",  # the 3-dose rotavirus vaccine is used
    "bcg_risk",  # high tuberculosis exposure
    "nirsevimab_indicated",  # no maternal RSV vaccine >= 14 d before birth, or preterm, or immunocompromised mother
    "no_pregnancy_pertussis_vaccine",  # the mother was not vaccinated against pertussis in pregnancy
    "gestational_diabetes_risk",  # a risk factor of gestational diabetes is recorded
)
INFANT_SEASON = "rsv_infant"
VALIDITY = ("anchor", "due")
SUBJECT_ANCHORS = {"grossesse": ("lmp", "ddg", "dpa"), "mere": ("birth",), "enfant": ("birth",)}


class RuleError(ValueError):
    """A malformed rule file (message in French, names the file and the entry)."""


@dataclass(frozen=True)
class Offset:
    base: str  # an anchor or "start"/"due"
    months: int = 0
    days: int = 0


@dataclass(frozen=True)
class Season:
    code: str
    start: tuple[int, int]  # (month, day)
    end: tuple[int, int]
    label: str = ""
    # département -> ((month, day), (month, day))
    territories: dict[str, tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=dict)
    # (département or "", start year) -> (date, date)
    campaigns: dict[tuple[str, int], tuple[dt.date, dt.date]] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash(self.code)

    def bounds(self, year: int, territory: str = "") -> tuple[dt.date, dt.date]:
        """The campaign starting in ``year`` for ``territory`` (ending the next year if it
        crosses new year); a dated campaign overrides the default month-days."""
        if territory not in self.territories:
            territory = ""
        dated = self.campaigns.get((territory, year))
        if dated is not None:
            return dated
        start, end = self.territories.get(territory, (self.start, self.end))
        end_year = year + 1 if end < start else year
        return _md(year, start), _md(end_year, end)


def _md(year: int, month_day: tuple[int, int]) -> dt.date:
    """``year-month-day``, clamped to the month's last day (02-29 in a common year)."""
    month, day = month_day
    while True:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    category: str
    subject: str
    anchor: str
    start: Offset
    due: Offset
    end: Offset
    status: str
    version: str
    source: str
    review: bool = False
    conditions: tuple[str, ...] = ()
    season: str | None = None
    validity: str = "anchor"
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    certificate: str = ""
    note: str = ""

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    seasons: dict[str, Season] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)  # file name -> file version

    def by_subject(self, subject: str) -> tuple[Rule, ...]:
        """The rules of ``subject``, versions of a code ordered by ``valid_from`` (the
        engine keeps the first version that applies)."""
        return self._by_subject[subject]

    @cached_property
    def _by_subject(self) -> dict[str, tuple[Rule, ...]]:
        def key(r: Rule) -> dt.date:
            return r.valid_from or dt.date.min

        return {
            s: tuple(sorted((r for r in self.rules if r.subject == s), key=key)) for s in SUBJECTS
        }

    @property
    def codes(self) -> list[str]:
        return sorted({r.code for r in self.rules})
