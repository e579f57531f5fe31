"""Checking one rule or season entry of a rule file (format: ``rules.py``); errors in French."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .schema import (
    ANCHORS,
    CATEGORIES,
    CONDITIONS,
    POINTS,
    STATUSES,
    SUBJECT_ANCHORS,
    SUBJECTS,
    VALIDITY,
    Offset,
    Rule,
    RuleError,
    Season,
)

_SA = re.compile(r"^(\d{1,2})\+([0-6])$")


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
_OPTIONAL = (
    "review",
    "conditions",
    "season",
    "validity",
    "valid_from",
    "valid_to",
    "certificate",
    "note",
)
_RULE_KEYS = {*_REQUIRED, *_OPTIONAL}


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


def _check_keys(raw: Any, where: str) -> None:
    """A dictionary with every required key and no unknown one."""
    if not isinstance(raw, dict):
        raise RuleError(f"{where} : une règle doit être un dictionnaire.")
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise RuleError(f"{where} : clé(s) obligatoire(s) manquante(s) : {', '.join(missing)}.")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise RuleError(f"{where} : clé(s) inconnue(s) : {', '.join(sorted(unknown))}.")


def _check_values(raw: dict[str, Any], where: str) -> tuple[list[str], str | None, str]:
    """Check the code and the enumerated values; return (conditions, season, validity)."""
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
    return conditions, season, validity


def _window(raw: dict[str, Any], where: str) -> tuple[Offset, Offset, Offset]:
    """The start, due and end offsets, each from an anchor or an earlier point."""
    start = _offset(raw["start"], f"{where} start", raw["anchor"])
    due = _offset(raw["due"], f"{where} due", raw["anchor"])
    end = _offset(raw["end"], f"{where} end", raw["anchor"])
    if start.base in POINTS or (due.base == "due"):
        raise RuleError(
            f"{where} : « start » ne peut partir que d'une ancre ; « due » que d'une ancre ou de « start »."
        )
    return start, due, end


def parse_rule(raw: Any, where: str) -> Rule:
    _check_keys(raw, where)
    where = f"{where} ({raw['code']})"
    conditions, season, validity = _check_values(raw, where)
    start, due, end = _window(raw, where)
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
