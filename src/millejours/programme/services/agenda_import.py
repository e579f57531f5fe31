"""The shared agenda: other actors' actions imported from CSV or iCalendar files.

Each source is first read into ``ExternalAction`` items (with French errors for the rows that
cannot be read), then ``_write_actions`` writes them all in one transaction. A file is
bounded before anything is written: a CSV goes through the project's one reader
(``lib.tabular``: UTF-8 or Windows-1252, delimiter, cell and column limits) and neither a CSV
nor a calendar may hold more than ``MAX_ACTIONS`` actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

import icalendar
from django.db import transaction
from django.utils import timezone

from millejours.accounts.access import require_coordinator, require_role_or_platform
from millejours.audit.services import record_event
from millejours.lib.tabular import TableRefused, UndecodableText, decode_text, read_csv_rows
from millejours.territory.models import Commune

from .. import vocab
from ..models import Event, Session

if TYPE_CHECKING:
    from millejours.accounts.models import User


# An agenda lists a territory's actions for months, not years: a larger file is a mistake.
MAX_ACTIONS = 5_000


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
    commune: str  # as written in the file: an INSEE code or a name, "" when none
    place: str


def _external_session(action: ExternalAction, commune: Commune | None) -> bool:
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
            "commune": commune,
            "place": action.place[:250],
        },
    )
    if commune is not None:
        event.communes.add(commune)
    return created


def _write_actions(
    actions: list[ExternalAction], errors: list[str], *, actor: object, source_format: str
) -> AgendaImportResult:
    created = updated = 0
    communes = {ref: _find_commune(ref) for ref in {action.commune for action in actions}}
    with transaction.atomic():
        for action in actions:
            if _external_session(action, communes[action.commune]):
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
    """Add another actor's action typed in the agenda's form (one session) to the agenda.
    The coordination's."""
    require_role_or_platform(actor, require_coordinator)
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
    line: int, row: dict[str, str], themes: set[str], default_theme: str, errors: list[str]
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
        commune=row.get("commune", "") or "",
        place=row.get("lieu", "") or "",
    )


def _refused(message: str) -> AgendaImportResult:
    return AgendaImportResult(0, 0, [message])


def agenda_import_csv(
    *, content: bytes | str, actor: object, default_theme: str = "autre"
) -> AgendaImportResult:
    """Import other actors' actions from CSV (columns: titre;organisateur;theme;debut;fin;commune;lieu).

    ``content``: the file's bytes (UTF-8 or Windows-1252) or its text. The coordination's,
    or the platform's (``actor`` a label: « commande ateliers »).
    """
    require_role_or_platform(actor, require_coordinator)
    try:
        text = decode_text(content) if isinstance(content, bytes) else content
        rows = read_csv_rows(text, max_rows=MAX_ACTIONS + 1)  # the header, then the actions
    except UndecodableText:
        return _refused("Le fichier n'est pas un texte lisible (UTF-8 ou Windows-1252).")
    except TableRefused as refused:
        return _refused(str(refused))
    header = [name.strip().lower() for name in rows[0]] if rows else []
    missing = {"titre", "debut"} - set(header)
    if missing:
        return _refused(f"Colonnes manquantes : {', '.join(sorted(missing))}.")
    themes = {c for c, _ in vocab.theme_choices()}
    errors: list[str] = []
    actions = []
    for line, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        row = dict(zip(header, cells, strict=False))  # a short row: its last columns are empty
        action = _csv_action(line, row, themes, default_theme, errors)
        if action is not None:
            actions.append(action)
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
        commune=location.split(",")[-1] if location else "",
        place=location,
    )


def agenda_import_ical(
    *, content: bytes | str, actor: object, theme: str = "autre", organiser: str = ""
) -> AgendaImportResult:
    """Import other actors' actions from an iCalendar feed (one VEVENT = one session); the
    coordination's, or the platform's (``actor`` a label)."""
    require_role_or_platform(actor, require_coordinator)
    try:
        cal = icalendar.Calendar.from_ical(content)
    except ValueError:
        return AgendaImportResult(0, 0, ["Le fichier n'est pas un calendrier iCalendar valide."])
    components = cal.walk("VEVENT")
    if len(components) > MAX_ACTIONS:
        return _refused(
            f"Le calendrier contient plus de {MAX_ACTIONS} actions : exportez une période plus courte."
        )
    errors: list[str] = []
    actions = [
        action
        for i, component in enumerate(components, start=1)
        if (action := _ical_action(i, component, theme, organiser, errors)) is not None
    ]
    return _write_actions(actions, errors, actor=actor, source_format="ical")
