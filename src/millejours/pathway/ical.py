"""A family's calendar as an iCalendar feed (RFC 5545), for phone calendars.

One all-day VEVENT per open milestone (à venir, à faire, en retard), on its target date,
with the window in the description. The UID is built from the pregnancy, the child and
the rule code, so it survives a recomputation of the calendar. Nothing beyond the
appointment's name and its source is written (no clinical detail, no note). Pregnancy
steps not done before the birth are « non applicable » (``calendar.store``): they leave
the feed at the birth, so a phone never shows a missed pregnancy step afterwards.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event, vText

from .models import OPEN_STATES, Milestone

PRODID = "-//Mille Jours//Calendrier des 1000 premiers jours//FR"
UID_DOMAIN = "millejours.fr"


def milestone_uid(milestone: Milestone) -> str:
    child = milestone.child_id or "grossesse"
    return f"mj-{milestone.pregnancy_id}-{child}-{milestone.code}@{UID_DOMAIN}"


def open_milestones(family):
    return (
        Milestone.objects.filter(family=family, state__in=OPEN_STATES)
        .select_related("child")
        .order_by("due", "code")
    )


def build_calendar(family, milestones=None) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Mille Jours : mes rendez-vous")
    cal.add("x-wr-timezone", "Europe/Paris")
    cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    now = timezone.now()
    for m in milestones if milestones is not None else open_milestones(family):
        event = Event()
        event.add("uid", milestone_uid(m))
        event.add("dtstamp", m.updated_at or now)
        event.add("dtstart", m.due)
        event.add("dtend", m.due + timedelta(days=1))
        summary = m.label
        if m.child_id and m.child.first_name:
            summary = f"{m.label} ({m.child.first_name})"
        event.add("summary", summary)
        lines = [f"À faire entre le {m.window_start:%d/%m/%Y} et le {m.window_end:%d/%m/%Y}."]
        if m.source:
            lines.append(f"Source : {m.source}")
        event.add("description", "\n".join(lines))
        if m.source:
            event.add("url", m.source)
        event.add("transp", "TRANSPARENT")
        event["x-millejours-code"] = vText(m.code)
        cal.add_component(event)
    return cal.to_ical()
