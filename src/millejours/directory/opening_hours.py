"""OSM ``opening_hours`` values, parsed and evaluated by a maintained parser.

The grammar is the OpenStreetMap one (https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification),
parsed and evaluated by ``opening-hours-py`` (PyPI, a binding of the Rust crate
``opening-hours``) with the French public-holiday calendar (``country="FR"``, so ``PH``
means the national days). Everything real listings contain works: comments
(``Mo-Fr 09:00-12:00 "sur rendez-vous"``), months (``Jul-Aug off``), nth weekday of the
month (``We[1,3] 14:00-17:00``), hours without a leading zero (``9:00``), ranges past
midnight, fallback rules (``|| "sur rendez-vous"``).

This module is the small wrapper the rest of the code uses:

- ``parse`` returns an ``OpeningHours`` or raises ``OpeningHoursError`` with a French
  message (the library's messages are English parser traces);
- ``is_open`` says whether a value is open at a moment: an unparseable or empty value, a
  comment alone (« sur rendez-vous ») or an ``unknown`` state is *not* open (unknown);
- ``describe`` gives French lines for the coming days, for the pages;
- the moment is read on the service's own wall clock (its département's time zone, see
  ``lib.holidays_fr``), so "open now" in Cayenne is Cayenne time.

Imports keep a value the parser refuses as text, with a warning: it is shown as written
and never counted as open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import opening_hours as _oh

from millejours.lib.holidays_fr import calendar_for

DAY_LABELS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTH_LABELS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
MAX_LENGTH = 300
_POSITION_RE = re.compile(r"-->\s*(\d+):(\d+)")
_COMMENT_ONLY_RE = re.compile(r'^\s*(?:(?:open|unknown)\s*)?"[^"]*"\s*$')
_RULE_SPLIT_RE = re.compile(r'("[^"]*"|;|\|\|)')


class OpeningHoursError(ValueError):
    """A value the parser cannot read (message in French)."""


@dataclass(frozen=True)
class OpeningHours:
    """A parsed value; evaluation happens on naive local wall-clock datetimes."""

    source: str
    parsed: _oh.OpeningHours
    comment_only: bool

    def state(self, at: datetime) -> tuple[str, str]:
        """``("open" | "closed" | "unknown", comment)`` at the naive local ``at``."""
        state, comment = self.parsed.state(at)
        return str(state).rsplit(".", 1)[-1].lower(), comment or ""

    def is_open(self, at: datetime) -> bool:
        return self.parsed.is_open(at)

    def day_ranges(self, day: date) -> list[tuple[datetime, datetime, str, str]]:
        """``(start, end, state, comment)`` of the non-closed intervals of ``day``."""
        if self.comment_only:
            return []
        start = datetime.combine(day, datetime.min.time())
        end = start + timedelta(days=1)
        result = []
        for begin, finish, state, comment in self.parsed.intervals(start, end):
            label = str(state).rsplit(".", 1)[-1].lower()
            if label != "closed":
                result.append((begin, finish or end, label, comment or ""))
        return result

    def describe(self, start: date | None = None, days: int = 7) -> list[str]:
        """French lines for ``days`` days from ``start`` (today): « lundi 23 novembre : 09h00–12h00 »."""
        if self.comment_only:
            return [self.source.strip().strip('"')]
        start = start or date.today()
        lines = []
        for offset in range(days):
            day = start + timedelta(days=offset)
            label = f"{DAY_LABELS[day.weekday()]} {day.day} {MONTH_LABELS[day.month - 1]}"
            holiday = calendar_for("").holiday_name(day)
            if holiday:
                label += f" ({holiday.lower()})"
            lines.append(f"{label} : {_ranges_text(self.day_ranges(day))}")
        return lines


def _hhmm(moment: datetime, day_start: datetime) -> str:
    if moment - day_start >= timedelta(days=1):
        return "24h00"
    return f"{moment.hour:02d}h{moment.minute:02d}"


def _ranges_text(ranges) -> str:
    if not ranges:
        return "fermé"
    parts = []
    for begin, end, state, comment in ranges:
        day_start = datetime.combine(begin.date(), datetime.min.time())
        text = f"{_hhmm(begin, day_start)}–{_hhmm(end, day_start)}"
        if state == "unknown":
            text += " (à confirmer)"
        if comment:
            text += f" ({comment})"
        parts.append(text)
    return ", ".join(parts)


def _comments_alone_are_unknown(text: str) -> str:
    """``"sur rendez-vous"`` or ``… || "sur rendez-vous"`` → ``unknown "sur rendez-vous"``.

    In the OSM specification a rule made of a comment alone has the *unknown* state (one
    cannot tell whether the place is open); the parser would count it as open.
    """
    out: list[str] = []
    rule: list[str] = []
    for token in [*_RULE_SPLIT_RE.split(text), ";"]:
        if token in (";", "||"):
            body = "".join(rule)
            if _COMMENT_ONLY_RE.match(body) and not body.strip().startswith(("open", "unknown")):
                body = body.replace('"', 'unknown "', 1)
            out.append(body)
            out.append(token)
            rule = []
        else:
            rule.append(token)
    return "".join(out[:-1])


def _french_reason(text: str, exc: Exception) -> str:
    match = _POSITION_RE.search(str(exc))
    if match:
        column = int(match.group(2))
        rest = text[column - 1 : column + 19]
        where = f"à partir du caractère {column}"
        return f"horaires non reconnus {where} (« {rest} ») : format OpenStreetMap attendu, par exemple « Mo-Fr 09:00-12:00 »"
    return f"horaires non reconnus : {exc}"


def parse(value: str) -> OpeningHours:
    """Parse ``value``; raise ``OpeningHoursError`` (French message) when unreadable."""
    result = _parse_cached((value or "").strip())
    if isinstance(result, str):
        raise OpeningHoursError(result)
    return result


@lru_cache(maxsize=8192)
def _parse_cached(text: str) -> OpeningHours | str:
    """The parsed value, or the French reason (refusals are cached too: a search meets
    the same unreadable values again and again)."""
    if not text:
        return "horaires vides"
    if len(text) > MAX_LENGTH:
        return f"horaires trop longs ({len(text)} caractères, au plus {MAX_LENGTH})"
    try:
        parsed = _oh.OpeningHours(_comments_alone_are_unknown(text), country="FR")
    except (_oh.ParserError, SyntaxError, ValueError) as exc:  # type: ignore[attr-defined]
        return _french_reason(text, exc)
    return OpeningHours(source=text, parsed=parsed, comment_only=bool(_COMMENT_ONLY_RE.match(text)))


def validate(value: str) -> str | None:
    """None when ``value`` can be read, else the French reason."""
    try:
        parse(value)
    except OpeningHoursError as exc:
        return str(exc)
    return None


def local_moment(at: datetime, departement: str = "") -> datetime:
    """The naive wall-clock time of ``at`` in ``departement`` (naive ``at`` is kept)."""
    if at.tzinfo is None:
        return at
    return calendar_for(departement).localtime(at).replace(tzinfo=None)


def is_open(value: str, at: datetime, departement: str = "") -> bool:
    """``value`` evaluated at ``at``; unreadable, empty or unknown counts as not open."""
    if not value:
        return False
    try:
        hours = parse(value)
    except OpeningHoursError:
        return False
    return hours.is_open(local_moment(at, departement))


def open_now_label(value: str, at: datetime, departement: str = "") -> str:
    """« oui », « non », « à confirmer » (unknown or unreadable) or « horaires non renseignés »."""
    if not value:
        return "horaires non renseignés"
    try:
        state, _comment = parse(value).state(local_moment(at, departement))
    except OpeningHoursError:
        return "à confirmer"
    return {"open": "oui", "closed": "non"}.get(state, "à confirmer")


def describe(value: str, start: date | None = None) -> list[str]:
    """French lines for the pages; an unreadable value is shown as written."""
    if not value:
        return []
    return list(_described(value, start or date.today()))


@lru_cache(maxsize=4096)
def _described(value: str, start: date) -> tuple[str, ...]:
    """``describe`` is a function of the text and the first day only: remembered (the
    directory's result cards describe the same week of the same values on every page)."""
    try:
        return tuple(parse(value).describe(start))
    except OpeningHoursError:
        return (value,)


def is_french_public_holiday(day: date, departement: str = "") -> bool:
    return calendar_for(departement).is_holiday(day)


__all__ = ["OpeningHours", "OpeningHoursError", "describe", "is_open", "parse", "validate"]
