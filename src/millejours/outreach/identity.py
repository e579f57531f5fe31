"""Who is who in a declarations import (issue 11, item 7: two women must never be merged).

- Same valid NIR: the same person, whatever the names (the NIR is the identity).
- Two different valid NIRs: two people, whatever their names and dates.
- Same name + birth date + DDR within 14 days, with a NIR missing on one side:
  the same person only when the contact details agree (a re-import, a completed row);
  when they differ it is a « doublon possible »: the newcomer is created, the known person
  is left untouched, and the coordination decides (``duplicates`` module).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from . import validation as v

MATCH_WINDOW_DAYS = 14


def near(lmp: date, other: date) -> bool:
    return abs((lmp - other).days) <= MATCH_WINDOW_DAYS


def different_nirs(a: str, b: str) -> bool:
    """Both NIRs known (validated on import) and different: two people."""
    return bool(a and b and a != b)


def _comparable_phone(value: str) -> str:
    try:
        return v.parse_mobile(value)
    except v.RowError:
        return value


def contacts_agree(row, existing) -> bool:
    """Every contact detail of the row is already known for this person (or absent)."""
    contact = existing.contact or {}
    phones = {_comparable_phone(existing.phone), contact.get("phone", "")} - {""}
    emails = {existing.email.lower(), (contact.get("email") or "").lower()} - {""}
    phone_ok = not row.phone or not phones or row.phone in phones
    email_ok = not row.email or not emails or row.email.lower() in emails
    return phone_ok and email_ok


@dataclass
class Match:
    existing: object = None  # importer.Existing
    pregnancy: dict | None = None
    possible_of: object = None  # importer.Existing: a « doublon possible »


def match_existing(row, by_nir, by_name) -> Match:
    if row.nir and row.nir in by_nir:
        item = by_nir[row.nir]
        return Match(item, next((p for p in item.pregnancies if near(row.lmp, p["lmp"])), None))
    possible = None
    for item in by_name.get(row.name_key, []):
        if different_nirs(row.nir, item.nir):
            continue
        pregnancy = next((p for p in item.pregnancies if near(row.lmp, p["lmp"])), None)
        if pregnancy is None:
            continue
        if contacts_agree(row, item):
            return Match(item, pregnancy)
        possible = possible or item
    return Match(possible_of=possible)


class FileDuplicates:
    """Rows already seen in this file: same NIR, or same name + birth date + DDR ± 14 d
    unless both rows carry different NIRs (then they are two people)."""

    def __init__(self):
        self.nirs: set[str] = set()
        self.names: dict[tuple, list[tuple[date, str]]] = defaultdict(list)

    def seen(self, row) -> bool:
        if row.nir and row.nir in self.nirs:
            return True
        for lmp, nir in self.names.get(row.name_key, []):
            if near(row.lmp, lmp) and not different_nirs(row.nir, nir):
                return True
        if row.nir:
            self.nirs.add(row.nir)
        self.names[row.name_key].append((row.lmp, row.nir))
        return False
