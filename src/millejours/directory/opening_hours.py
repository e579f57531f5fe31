"""A small parser and evaluator for the common subset of OSM ``opening_hours``.

Supported (what coordinators actually write)::

    24/7
    Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off
    Mo,We,Fr 08:30-12:30; Tu-Th 14:00-18:00; Su off
    Mo-Su 22:00-02:00          (ranges past midnight)
    PH 10:00-12:00             (French public holidays)
    off / closed

Semantics follow the OSM specification for this subset: rules are read left to right and
a rule *replaces* what earlier rules said for the days it names ("Mo-Fr 09:00-17:00;
We off" closes Wednesdays). A rule without a day selector applies to every day. ``PH``
rules apply on French public holidays and override the weekday rules on those days.
Anything else (months, week numbers, comments, "+"…) is refused with a French message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateutil.easter import easter

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_LABELS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_TIME = r"(?:[01]\d|2[0-4]):[0-5]\d"
_RANGE_RE = re.compile(rf"^({_TIME})-({_TIME})$")
_DAY_RANGE_RE = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$")


class OpeningHoursError(ValueError):
    """An opening_hours string outside the supported subset (message in French)."""


@dataclass(frozen=True)
class Rule:
    days: frozenset[int]  # 0 = Monday … 6 = Sunday
    holidays: bool  # PH selector
    ranges: tuple[tuple[int, int], ...]  # minutes since midnight, end may exceed 1440
    closed: bool


@dataclass(frozen=True)
class OpeningHours:
    source: str
    rules: tuple[Rule, ...] = field(default_factory=tuple)

    # -- evaluation ---------------------------------------------------------------------
    def _day_ranges(self, day: date) -> tuple[tuple[int, int], ...]:
        """Opening ranges (minutes) that *start* on ``day``."""
        weekday = day.weekday()
        holiday = is_french_public_holiday(day)
        result: tuple[tuple[int, int], ...] = ()
        ph_result: tuple[tuple[int, int], ...] | None = None
        for rule in self.rules:
            if rule.holidays:
                if holiday:
                    ph_result = () if rule.closed else rule.ranges
                continue
            if weekday in rule.days:
                result = () if rule.closed else rule.ranges
        if ph_result is not None:
            return ph_result
        return result

    def is_open(self, at: datetime) -> bool:
        """Whether the place is open at ``at`` (a naive or aware local datetime)."""
        minutes = at.hour * 60 + at.minute
        today = at.date()
        for start, end in self._day_ranges(today):
            if start <= minutes < end:
                return True
        # A range of yesterday running past midnight.
        for _start, end in self._day_ranges(today - timedelta(days=1)):
            if end > 1440 and minutes < end - 1440:
                return True
        return False

    def describe(self) -> list[str]:
        """One French line per weekday ("lundi : 09h00–12h00, 14h00–17h00")."""
        lines = []
        for index, label in enumerate(DAY_LABELS):
            ranges = ()
            for rule in self.rules:
                if not rule.holidays and index in rule.days:
                    ranges = () if rule.closed else rule.ranges
            text = ", ".join(f"{_fmt(s)}–{_fmt(e)}" for s, e in ranges) if ranges else "fermé"
            lines.append(f"{label} : {text}")
        for rule in self.rules:
            if rule.holidays:
                text = (
                    "fermé"
                    if rule.closed
                    else ", ".join(f"{_fmt(s)}–{_fmt(e)}" for s, e in rule.ranges)
                )
                lines.append(f"jours fériés : {text}")
        return lines


def _fmt(minutes: int) -> str:
    minutes = minutes % 1440 if minutes != 1440 else 1440
    return f"{minutes // 60:02d}h{minutes % 60:02d}"


def _minutes(text: str) -> int:
    hours, mins = text.split(":")
    value = int(hours) * 60 + int(mins)
    if value > 1440:
        raise OpeningHoursError(f"heure invalide « {text} »")
    return value


def _parse_days(selector: str) -> tuple[frozenset[int], bool]:
    days: set[int] = set()
    holidays = False
    for part in selector.split(","):
        part = part.strip()
        if part == "PH":
            holidays = True
            continue
        match = _DAY_RANGE_RE.match(part)
        if not match:
            raise OpeningHoursError(f"jours non reconnus « {part} »")
        first = DAYS.index(match.group(1))
        last = DAYS.index(match.group(2)) if match.group(2) else first
        index = first
        while True:
            days.add(index)
            if index == last:
                break
            index = (index + 1) % 7
    return frozenset(days), holidays


def _parse_times(text: str) -> tuple[tuple[int, int], ...]:
    ranges = []
    for part in text.split(","):
        match = _RANGE_RE.match(part.strip())
        if not match:
            raise OpeningHoursError(f"plage horaire non reconnue « {part.strip()} »")
        start, end = _minutes(match.group(1)), _minutes(match.group(2))
        if start == end:
            raise OpeningHoursError(f"plage horaire vide « {part.strip()} »")
        if end < start:
            end += 1440  # runs past midnight
        ranges.append((start, end))
    return tuple(sorted(ranges))


def _looks_like_days(token: str) -> bool:
    return all(
        p.strip() == "PH" or _DAY_RANGE_RE.match(p.strip()) for p in token.split(",")
    ) and bool(token)


@lru_cache(maxsize=4096)
def parse(value: str) -> OpeningHours:
    """Parse ``value``; raise ``OpeningHoursError`` (French message) when unsupported."""
    text = (value or "").strip()
    if not text:
        raise OpeningHoursError("horaires vides")
    rules: list[Rule] = []
    for raw in text.split(";"):
        raw = raw.strip()
        if not raw:
            continue
        if raw == "24/7":
            rules.append(Rule(frozenset(range(7)), False, ((0, 1440),), False))
            continue
        tokens = raw.split(None, 1)
        if _looks_like_days(tokens[0]):
            days, holidays = _parse_days(tokens[0])
            rest = tokens[1].strip() if len(tokens) > 1 else ""
        else:
            days, holidays = frozenset(range(7)), False
            rest = raw
        if not rest:
            raise OpeningHoursError(f"horaires manquants après « {tokens[0]} »")
        if rest in {"off", "closed"}:
            ranges: tuple[tuple[int, int], ...] = ()
            closed = True
        else:
            ranges, closed = _parse_times(rest.replace(" ", "")), False
        if days:
            rules.append(Rule(days, False, ranges, closed))
        if holidays:
            rules.append(Rule(frozenset(), True, ranges, closed))
    if not rules:
        raise OpeningHoursError("aucune règle d'ouverture")
    return OpeningHours(source=text, rules=tuple(rules))


def validate(value: str) -> str | None:
    """None when ``value`` is valid, else the French reason."""
    try:
        parse(value)
    except OpeningHoursError as exc:
        return str(exc)
    return None


def is_open(value: str, at: datetime) -> bool:
    """``value`` evaluated at ``at``; an invalid or empty value counts as unknown (False)."""
    if not value:
        return False
    try:
        return parse(value).is_open(at)
    except OpeningHoursError:
        return False


@lru_cache(maxsize=64)
def french_public_holidays(year: int) -> frozenset[date]:
    """The 11 national public holidays of metropolitan France."""
    easter_sunday = easter(year)
    return frozenset(
        {
            date(year, 1, 1),
            easter_sunday + timedelta(days=1),  # lundi de Pâques
            date(year, 5, 1),
            date(year, 5, 8),
            easter_sunday + timedelta(days=39),  # Ascension
            easter_sunday + timedelta(days=50),  # lundi de Pentecôte
            date(year, 7, 14),
            date(year, 8, 15),
            date(year, 11, 1),
            date(year, 11, 11),
            date(year, 12, 25),
        }
    )


def is_french_public_holiday(day: date) -> bool:
    return day in french_public_holidays(day.year)


__all__ = ["OpeningHours", "OpeningHoursError", "parse", "validate", "is_open"]
