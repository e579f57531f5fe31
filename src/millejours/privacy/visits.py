"""« Qui a consulté mon dossier » : access-log entries grouped into visits.

A professional who opens the file, then the calendar, then a questionnaire writes one
access-log entry per panel; the parent wants to read « Sophie Martin a consulté votre
dossier le 12 mars de 14 h 05 à 14 h 20 », once. Entries of the same person less than
``VISIT_GAP`` apart (between two consecutive entries) make one visit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from millejours.audit.selectors import access_history, page_in_words

VISIT_GAP = dt.timedelta(minutes=30)
# A family's history is read whole to group it; beyond this many entries the oldest are
# not grouped (the DPO's search and the export keep every entry).
MAX_ENTRIES = 20_000


@dataclass
class Visit:
    actor_label: str
    actor_profession: str
    actor_organisation: str
    started_at: dt.datetime
    ended_at: dt.datetime
    own: bool
    break_glass: bool = False
    entries: int = 0
    parts: list[str] = field(default_factory=list)

    @property
    def single_moment(self) -> bool:
        return (self.ended_at - self.started_at) < dt.timedelta(minutes=1)


def _actor_key(row) -> tuple:
    return ("user", row["user_id"]) if row["user_id"] else ("label", row["actor_label"])


def visits_for(families, *, viewer, include_own: bool = False) -> list[Visit]:
    """The visits to ``families``' records, newest first; the viewer's own only if asked."""
    rows = access_history(families).values(
        "at",
        "user_id",
        "actor_label",
        "actor_profession",
        "actor_organisation",
        "page",
        "break_glass",
    )[:MAX_ENTRIES]
    visits: list[Visit] = []
    open_visits: dict[tuple, Visit] = {}
    for row in rows.iterator():  # newest first
        own = row["user_id"] is not None and row["user_id"] == viewer.pk
        if own and not include_own:
            continue
        key = _actor_key(row)
        visit = open_visits.get(key)
        if visit is None or visit.started_at - row["at"] > VISIT_GAP:
            visit = Visit(
                row["actor_label"],
                row["actor_profession"],
                row["actor_organisation"],
                started_at=row["at"],
                ended_at=row["at"],
                own=own,
            )
            open_visits[key] = visit
            visits.append(visit)
        visit.started_at = row["at"]
        visit.entries += 1
        visit.break_glass = visit.break_glass or row["break_glass"]
        part = page_in_words(row["page"])
        if part not in visit.parts:
            visit.parts.insert(0, part)
    return visits
