"""The shared agenda: other actors' actions imported from CSV or iCalendar files.

Each source is first read into ``ExternalAction`` items (with French errors for the rows that
cannot be read), then ``_write_actions`` writes them all in one transaction.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

import icalendar
from django.db import transaction
from django.utils import timezone

from millejours.audit.services import record_event
from millejours.territory.models import Commune

from .. import vocab
from ..models import Event, Session

if TYPE_CHECKING:
    from millejours.accounts.models import User


@dataclass
class AgendaImportResult:
    created: int
    updated: int
    errors: list[str]


@dataclass
class ExternalAction:
    """One session of another actor, as read from a file."""

    uid: str
    title: str
    theme: str
    organiser: str
    starts_at: datetime
    ends_at: datetime | None
    commune: Commune | None
    place: str


def _external_session(action: ExternalAction) -> bool:
    """Create or update the external event and its session; True when the event is new."""
    event, created = Event.objects.update_or_create(
        source_uid=action.uid,
        is_external=True,
        defaults={
            "title": action.title[:250],
            "theme": action.theme,
            "organiser": action.organiser[:200],
            "kind": "stand",
        },
    )
    Session.objects.update_or_create(
        event=event,
        source_uid=action.uid,
        defaults={
            "starts_at": action.starts_at,
            "ends_at": action.ends_at,
            "commune": action.commune,
            "place": action.place[:250],
        },
    )
    if action.commune is not None:
        event.communes.add(action.commune)
    return created


def _write_actions(
    actions: list[ExternalAction], errors: list[str], *, actor: object, source_format: str
) -> AgendaImportResult:
    created = updated = 0
    with transaction.atomic():
        for action in actions:
            if _external_session(action):
                created += 1
            else:
                updated += 1
        record_event(
            actor=actor,
            action="programme.agenda_import",
            details={"format": source_format, "crees": created},
        )
    return AgendaImportResult(created, updated, errors)


@transaction.atomic
def external_action_save(
    *,
    event: Event,
    starts_at: datetime,
    commune: Commune | None,
    place: str,
    actor: User,
) -> Event:
    """Add another actor's action typed in the agenda's form (one session) to the agenda."""
    event.is_external = True
    event.save()
    if commune:
        event.communes.add(commune)
    Session.objects.create(event=event, starts_at=starts_at, commune=commune, place=place)
    record_event(actor=actor, action="programme.agenda_action", obj=event)
    return event


def _find_commune(value: str) -> Commune | None:
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit() and len(value) == 5:
        return Commune.objects.filter(insee_code=value).first()
    return Commune.objects.filter(name__iexact=value).first()


def _aware(value: datetime, tz: tzinfo) -> datetime:
    return timezone.make_aware(value, tz) if timezone.is_naive(value) else value


# --- CSV ------------------------------------------------------------------------------------


def _csv_action(
    line: int, row: dict[str, str | None], themes: set[str], default_theme: str, errors: list[str]
) -> ExternalAction | None:
    """One CSV row as an action, or None with its error."""
    title = (row.get("titre") or "").strip()
    try:
        starts = datetime.fromisoformat((row.get("debut") or "").strip())
        fin = (row.get("fin") or "").strip()
        ends = datetime.fromisoformat(fin) if fin else None
    except ValueError:
        errors.append(f"Ligne {line} : date invalide (format AAAA-MM-JJ HH:MM).")
        return None
    if not title:
        errors.append(f"Ligne {line} : le titre est obligatoire.")
        return None
    tz = timezone.get_current_timezone()
    starts_at = _aware(starts, tz)
    theme = (row.get("theme") or "").strip() or default_theme
    if theme not in themes:
        errors.append(f"Ligne {line} : thème inconnu « {theme} ».")
        return None
    return ExternalAction(
        uid=f"csv:{title}:{starts_at.isoformat()}",
        title=title,
        theme=theme,
        organiser=row.get("organisateur", "") or "",
        starts_at=starts_at,
        ends_at=_aware(ends, tz) if ends is not None else None,
        commune=_find_commune(row.get("commune", "") or ""),
        place=row.get("lieu", "") or "",
    )


def agenda_import_csv(
    *, content: str, actor: object, default_theme: str = "autre"
) -> AgendaImportResult:
    """Import other actors' actions from CSV (columns: titre;organisateur;theme;debut;fin;commune;lieu)."""
    sample = content[:2048]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(content), delimiter=delimiter)
    missing = {"titre", "debut"} - set(reader.fieldnames or [])
    if missing:
        return AgendaImportResult(0, 0, [f"Colonnes manquantes : {', '.join(sorted(missing))}."])
    themes = {c for c, _ in vocab.theme_choices()}
    errors: list[str] = []
    actions = [
        action
        for line, row in enumerate(reader, start=2)
        if (action := _csv_action(line, row, themes, default_theme, errors)) is not None
    ]
    return _write_actions(actions, errors, actor=actor, source_format="csv")


# --- iCalendar ------------------------------------------------------------------------------


def _as_datetime(value: date | datetime | None, tz: tzinfo) -> datetime | None:
    """An iCalendar DTSTART/DTEND (a whole day starts at midnight) as an aware datetime."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.combine(value, datetime.min.time())
    return _aware(value, tz)


def _ical_action(
    i: int, component: icalendar.cal.Component, theme: str, organiser: str, errors: list[str]
) -> ExternalAction | None:
    """One VEVENT as an action, or None with its error."""
    tz = timezone.get_current_timezone()
    start = _as_datetime(component.decoded("DTSTART", None), tz)
    if start is None:
        errors.append(f"Événement n° {i} : date de début absente.")
        return None
    title = str(component.get("SUMMARY", "") or "Action sans titre")
    location = str(component.get("LOCATION", "") or "")
    return ExternalAction(
        uid="ics:" + str(component.get("UID", f"{title}:{start.isoformat()}")),
        title=title,
        theme=theme,
        organiser=organiser or str(component.get("ORGANIZER", "") or ""),
        starts_at=start,
        ends_at=_as_datetime(component.decoded("DTEND", None), tz),
        commune=_find_commune(location.split(",")[-1]) if location else None,
        place=location,
    )


def agenda_import_ical(
    *, content: bytes | str, actor: object, theme: str = "autre", organiser: str = ""
) -> AgendaImportResult:
    """Import other actors' actions from an iCalendar feed (one VEVENT = one session)."""
    try:
        cal = icalendar.Calendar.from_ical(content)
    except ValueError:
        return AgendaImportResult(0, 0, ["Le fichier n'est pas un calendrier iCalendar valide."])
    errors: list[str] = []
    actions = [
        action
        for i, component in enumerate(cal.walk("VEVENT"), start=1)
        if (action := _ical_action(i, component, theme, organiser, errors)) is not None
    ]
    return _write_actions(actions, errors, actor=actor, source_format="ical")
