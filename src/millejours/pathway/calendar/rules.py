"""Loading the calendar rules (``rules/*.yaml``): schema check, then cached for the process.

A rule file holds ``version`` and ``rules`` (and optionally ``seasons``). Each rule entry:

- ``code``, ``label`` (French), ``category``, ``subject`` (``grossesse``/``mere``/``enfant``),
  ``anchor`` (``lmp``, ``ddg``, ``dpa``, ``birth``), ``status``
  (``compulsory``/``recommended``/``conditional``/``information``), ``version``, ``source``;
- ``start``, ``due``, ``end``: offsets ``{sa: "W+D", weeks, days, months, from}``: calendar
  months first (``dateutil.relativedelta``, clamped at month end), then days; ``from`` is
  another anchor or a point already computed for the same rule (``start``, ``due``);
- optional ``conditions`` (list of names from ``CONDITIONS``), ``season`` (a season code
  such as ``rsv``, ``grippe``, ``covid``: the window is restricted to the campaign that
  overlaps it most; ``rsv_infant`` = the infant immunisation rule), ``valid_from`` /
  ``valid_to`` (compared with the anchor event's date: the DDR for the pregnancy, the
  birth date for the mother and the child; with ``validity: due``, compared with the due
  date — the date of the dose — and the window is cut at ``valid_to``), ``review``,
  ``certificate``, ``note``. ``from: pregnancy_end`` = the birth (or the end of the
  pregnancy), 42 SA + 6 while unknown.

Seasons (campaigns): ``{start: "MM-DD", end: "MM-DD", label, territories: {"973": {start,
end}}, campaigns: {2025: {start: DATE, end: DATE}}}``: default dates, per-territory dates
(département code; metropolitan when absent) and dated campaigns by starting year (a
territory may carry its own ``campaigns``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).resolve().parent / "rules"

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
_SA = re.compile(r"^(\d{1,2})\+([0-6])$")


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


_RULE_KEYS = {
    "code",
    "label",
    "category",
    "subject",
    "anchor",
    "start",
    "due",
    "end",
    "status",
    "version",
    "source",
    "review",
    "conditions",
    "season",
    "validity",
    "valid_from",
    "valid_to",
    "certificate",
    "note",
}
_REQUIRED = (
    "code",
    "label",
    "category",
    "subject",
    "anchor",
    "start",
    "due",
    "end",
    "status",
    "version",
    "source",
)


def _offset(raw: Any, where: str, anchor: str) -> Offset:
    if not isinstance(raw, dict):
        raise RuleError(
            f"{where} : un décalage doit être un dictionnaire (sa, weeks, days, months, from)."
        )
    unknown = set(raw) - {"sa", "weeks", "days", "months", "from"}
    if unknown:
        raise RuleError(f"{where} : clé(s) inconnue(s) {sorted(unknown)}.")
    days = 0
    if "sa" in raw:
        m = _SA.match(str(raw["sa"]))
        if not m:
            raise RuleError(
                f"{where} : « sa » doit s'écrire « semaines+jours », par exemple « 11+0 »."
            )
        days += int(m.group(1)) * 7 + int(m.group(2))
    for key, factor in (("weeks", 7), ("days", 1)):
        if key in raw:
            if not isinstance(raw[key], int) or isinstance(raw[key], bool):
                raise RuleError(f"{where} : « {key} » doit être un nombre entier.")
            days += raw[key] * factor
    months = raw.get("months", 0)
    if not isinstance(months, int) or isinstance(months, bool):
        raise RuleError(f"{where} : « months » doit être un nombre entier.")
    base = raw.get("from", anchor)
    if base not in ANCHORS + POINTS:
        raise RuleError(f"{where} : « from » inconnu : {base!r}.")
    return Offset(base=base, months=months, days=days)


def _date(raw: object, where: str, key: str) -> dt.date | None:
    if raw is None:
        return None
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise RuleError(f"{where} : « {key} » n'est pas une date AAAA-MM-JJ.") from None


def parse_rule(raw: Any, where: str) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(f"{where} : une règle doit être un dictionnaire.")
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise RuleError(f"{where} : clé(s) obligatoire(s) manquante(s) : {', '.join(missing)}.")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise RuleError(f"{where} : clé(s) inconnue(s) : {', '.join(sorted(unknown))}.")
    where = f"{where} ({raw['code']})"
    if not re.fullmatch(r"[a-z0-9_]{2,64}", str(raw["code"])):
        raise RuleError(f"{where} : code invalide (minuscules, chiffres et _).")
    for key, allowed in (("subject", SUBJECTS), ("status", STATUSES), ("category", CATEGORIES)):
        if raw[key] not in allowed:
            raise RuleError(
                f"{where} : « {key} » doit valoir {' | '.join(allowed)} (reçu {raw[key]!r})."
            )
    if raw["anchor"] not in SUBJECT_ANCHORS[raw["subject"]]:
        raise RuleError(
            f"{where} : ancre {raw['anchor']!r} impossible pour le sujet {raw['subject']!r}."
        )
    conditions = raw.get("conditions") or []
    if not isinstance(conditions, list) or any(c not in CONDITIONS for c in conditions):
        raise RuleError(
            f"{where} : conditions inconnues {conditions!r} (connues : {', '.join(CONDITIONS)})."
        )
    season = raw.get("season")
    if season is not None and not re.fullmatch(r"[a-z_]{2,32}", str(season)):
        raise RuleError(f"{where} : saison inconnue {season!r}.")
    validity = raw.get("validity", "anchor")
    if validity not in VALIDITY:
        raise RuleError(
            f"{where} : « validity » doit valoir {' | '.join(VALIDITY)} (reçu {validity!r})."
        )
    if not str(raw["source"]).startswith(("http://", "https://")):
        raise RuleError(f"{where} : « source » doit être une adresse web.")
    if not isinstance(raw.get("review", False), bool):
        raise RuleError(f"{where} : « review » doit valoir true ou false.")
    start = _offset(raw["start"], f"{where} start", raw["anchor"])
    due = _offset(raw["due"], f"{where} due", raw["anchor"])
    end = _offset(raw["end"], f"{where} end", raw["anchor"])
    if start.base in POINTS or (due.base == "due"):
        raise RuleError(
            f"{where} : « start » ne peut partir que d'une ancre ; « due » que d'une ancre ou de « start »."
        )
    rule = Rule(
        code=raw["code"],
        label=str(raw["label"]),
        category=raw["category"],
        subject=raw["subject"],
        anchor=raw["anchor"],
        start=start,
        due=due,
        end=end,
        status=raw["status"],
        version=str(raw["version"]),
        source=str(raw["source"]),
        review=bool(raw.get("review", False)),
        conditions=tuple(conditions),
        season=season,
        validity=validity,
        valid_from=_date(raw.get("valid_from"), where, "valid_from"),
        valid_to=_date(raw.get("valid_to"), where, "valid_to"),
        certificate=str(raw.get("certificate", "")),
        note=str(raw.get("note", "")),
    )
    if rule.valid_from and rule.valid_to and rule.valid_from > rule.valid_to:
        raise RuleError(f"{where} : valid_from est postérieure à valid_to.")
    return rule


def parse_season(code: str, raw: Any, where: str) -> Season:
    def md(value: object, key: str) -> tuple[int, int]:
        m = re.fullmatch(r"(\d{2})-(\d{2})", str(value))
        if not m:
            raise RuleError(f"{where} : saison {code} : « {key} » doit s'écrire MM-JJ.")
        month, day = int(m.group(1)), int(m.group(2))
        dt.date(2000, month, day)  # validates (2000 is a leap year: 02-29 is accepted)
        return (month, day)

    def campaigns(
        raw_campaigns: Any, territory: str
    ) -> dict[tuple[str, int], tuple[dt.date, dt.date]]:
        out: dict[tuple[str, int], tuple[dt.date, dt.date]] = {}
        for year, dates in (raw_campaigns or {}).items():
            if not isinstance(dates, dict) or "start" not in dates or "end" not in dates:
                raise RuleError(
                    f"{where} : saison {code}, campagne {year} : « start » et « end » sont obligatoires."
                )
            start = _date(dates["start"], f"{where} : saison {code}, campagne {year}", "start")
            end = _date(dates["end"], f"{where} : saison {code}, campagne {year}", "end")
            if start is None or end is None:
                raise RuleError(
                    f"{where} : saison {code}, campagne {year} : « start » et « end » sont obligatoires."
                )
            if start.year != int(year) or end < start:
                raise RuleError(f"{where} : saison {code}, campagne {year} : dates incohérentes.")
            out[(territory, int(year))] = (start, end)
        return out

    if not isinstance(raw, dict) or "start" not in raw or "end" not in raw:
        raise RuleError(f"{where} : saison {code} : « start » et « end » sont obligatoires.")
    territories: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {}

    dated = campaigns(raw.get("campaigns"), "")
    for territory, t in (raw.get("territories") or {}).items():
        if not isinstance(t, dict):
            raise RuleError(
                f"{where} : saison {code}, territoire {territory} : dictionnaire attendu."
            )
        territory = str(territory)
        territories[territory] = (
            md(t.get("start", raw["start"]), "start"),
            md(t.get("end", raw["end"]), "end"),
        )
        dated.update(campaigns(t.get("campaigns"), territory))
    return Season(
        code=code,
        start=md(raw["start"], "start"),
        end=md(raw["end"], "end"),
        label=str(raw.get("label", "")),
        territories=territories,
        campaigns=dated,
    )


def load_rules(directory: Path | str | None = None) -> RuleSet:
    """Read and check every ``*.yaml`` rule file of ``directory`` (not cached)."""
    directory = Path(directory) if directory else RULES_DIR
    rules: list[Rule] = []
    seasons: dict[str, Season] = {}
    versions: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except yaml.YAMLError as exc:
            raise RuleError(f"{path.name} : YAML illisible : {exc}") from None
        if (
            not isinstance(data, dict)
            or "version" not in data
            or not isinstance(data.get("rules"), list)
        ):
            raise RuleError(
                f"{path.name} : le fichier doit contenir « version » et une liste « rules »."
            )
        versions[path.name] = str(data["version"])
        for code, raw in (data.get("seasons") or {}).items():
            seasons[code] = parse_season(code, raw, path.name)
        for i, raw in enumerate(data["rules"], 1):
            rules.append(parse_rule(raw, f"{path.name}, règle n° {i}"))
    # Versions of the same code must not overlap, and share subject.
    by_code: dict[str, list[Rule]] = {}
    for r in rules:
        by_code.setdefault(r.code, []).append(r)
    for code, versions_of in by_code.items():
        if len({r.subject for r in versions_of}) > 1:
            raise RuleError(f"Règle {code} : toutes les versions doivent avoir le même sujet.")
        ordered = sorted(versions_of, key=lambda r: r.valid_from or dt.date.min)
        for a, b in zip(ordered, ordered[1:], strict=False):
            if (a.valid_to or dt.date.max) >= (b.valid_from or dt.date.min):
                raise RuleError(
                    f"Règle {code} : les périodes de validité des versions {a.version} et {b.version} se chevauchent."
                )
    for r in rules:
        needed = "rsv" if r.season == INFANT_SEASON else r.season
        if needed is not None and needed not in seasons:
            raise RuleError(
                f"Règle {r.code} : la saison « {needed} » n'est définie dans aucun fichier."
            )
    return RuleSet(rules=tuple(rules), seasons=seasons, versions=versions)


@lru_cache(maxsize=1)
def get_rules() -> RuleSet:
    """The rules of the repository, loaded once per process."""
    return load_rules()
