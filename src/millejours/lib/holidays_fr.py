"""French public holidays and local time by département, from maintained sources.

- Holidays come from the ``holidays`` library (``holidays.France`` and its subdivisions):
  the 11 national days everywhere, plus Good Friday and 26 December in Alsace-Moselle
  (57, 67, 68: code du travail, art. L3134-13), and each overseas département's own days
  (abolition of slavery: 27 April Mayotte, 22 May Martinique, 27 May Guadeloupe and
  Saint-Martin, 10 June Guyane, 20 December La Réunion; loi n° 83-550 du 30 juin 1983 and
  décret n° 83-1003 du 23 novembre 1983).
- Time zones come from the IANA database (``zoneinfo``): a family in Guadeloupe lives on
  ``America/Guadeloupe`` (UTC−4, no summer time), not on the server's ``Europe/Paris``.

The département is the one of the commune's INSEE code (``97105`` → ``971``, ``2A004`` →
``2A``); an unknown or empty one means metropolitan France (``Europe/Paris``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

import holidays

DEFAULT_TIMEZONE = "Europe/Paris"

# Départements and overseas collectivities (INSEE prefix) that do not live on Paris time.
TIMEZONES = {
    "971": "America/Guadeloupe",
    "972": "America/Martinique",
    "973": "America/Cayenne",
    "974": "Indian/Reunion",
    "975": "America/Miquelon",
    "976": "Indian/Mayotte",
    "977": "America/St_Barthelemy",
    "978": "America/Marigot",
    "986": "Pacific/Wallis",
    "987": "Pacific/Tahiti",
    "988": "Pacific/Noumea",
}

# Département → subdivision of ``holidays.France`` (None: the national days only).
HOLIDAY_SUBDIVISIONS = {
    "57": "57",
    "67": "6AE",
    "68": "6AE",
    "971": "971",
    "972": "972",
    "973": "973",
    "974": "974",
    "975": "PM",
    "976": "976",
    "977": "BL",
    "978": "MF",
    "986": "WF",
    "987": "PF",
    "988": "NC",
}


def departement_of(insee_code: str | None) -> str:
    """The département of a commune INSEE code: ``97302`` → ``973``, ``2A004`` → ``2A``."""
    code = (insee_code or "").strip().upper()
    if len(code) != 5:
        return ""
    return code[:3] if code.startswith("97") or code.startswith("98") else code[:2]


# Rough boxes (south, north, west, east) of the territories off Paris time, to read the
# clock of a search centre given as coordinates (a search radius is at most 200 km).
_BOXES = {
    "971": (15.8, 16.6, -61.9, -60.9),
    "972": (14.3, 14.95, -61.3, -60.75),
    "973": (2.0, 6.0, -54.7, -51.5),
    "974": (-21.5, -20.8, 55.1, 56.0),
    "975": (46.7, 47.2, -56.5, -56.0),
    "976": (-13.1, -12.5, 44.9, 45.4),
    "977": (17.85, 17.98, -62.95, -62.78),
    "978": (18.0, 18.15, -63.2, -62.95),
}


def departement_for_coordinates(latitude: float, longitude: float) -> str:
    """The overseas département at these coordinates, ``""`` elsewhere (Paris time)."""
    for code, (south, north, west, east) in _BOXES.items():
        if south <= latitude <= north and west <= longitude <= east:
            return code
    return ""


@lru_cache(maxsize=512)
def _holidays(subdivision: str | None, year: int) -> dict[date, str]:
    days = holidays.country_holidays("FR", subdiv=subdivision, years=year, language="fr")
    return dict(days)


@dataclass(frozen=True)
class LocalCalendar:
    """The time zone and public holidays of one département."""

    departement: str
    timezone: ZoneInfo
    subdivision: str | None

    def holidays(self, year: int) -> dict[date, str]:
        """``{date: French name}`` of the public holidays of ``year``."""
        return _holidays(self.subdivision, year)

    def is_holiday(self, day: date) -> bool:
        return day in _holidays(self.subdivision, day.year)

    def holiday_name(self, day: date) -> str:
        return _holidays(self.subdivision, day.year).get(day, "")

    def localtime(self, moment: datetime) -> datetime:
        """``moment`` (aware) as the wall-clock time of this département."""
        return moment.astimezone(self.timezone)


@lru_cache(maxsize=256)
def calendar_for(departement: str | None) -> LocalCalendar:
    """The calendar of ``departement`` (``"971"``, ``"57"``, ``"2A"``…; ``""`` = Paris)."""
    code = (departement or "").strip().upper()
    return LocalCalendar(
        departement=code,
        timezone=ZoneInfo(TIMEZONES.get(code, DEFAULT_TIMEZONE)),
        subdivision=HOLIDAY_SUBDIVISIONS.get(code),
    )


class _Commune(Protocol):
    """What a ``territory.Commune`` offers here (lib imports no domain app)."""

    insee_code: str


def calendar_for_commune(commune: _Commune | None) -> LocalCalendar:
    """The calendar of a ``territory.Commune`` (or of metropolitan France when None)."""
    if commune is None:
        return calendar_for("")
    departement = departement_of(commune.insee_code) or getattr(commune, "departement", "")
    return calendar_for(departement)


def is_public_holiday(day: date, departement: str | None = "") -> bool:
    return calendar_for(departement).is_holiday(day)


__all__ = [
    "LocalCalendar",
    "calendar_for",
    "calendar_for_commune",
    "departement_for_coordinates",
    "departement_of",
    "is_public_holiday",
    "TIMEZONES",
]
