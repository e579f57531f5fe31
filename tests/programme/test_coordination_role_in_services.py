"""The programme's coordination writes hold the role rule themselves (docs/trust.md § 9).

The pages check « Réservé à la coordination de la CPTS » first; the write services check it
again, so a caller that skips the pages (another view, an htmx endpoint, an API route) meets
``PermissionDenied`` before anything is written, audit event included. The coordination
writes; so does the platform itself (a command, the demo: ``None`` or the label it signs).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from millejours.audit.models import AuditEvent
from millejours.programme.models import (
    Event,
    EventKind,
    Fiche,
    Indicator,
    Participation,
    ParticipationRole,
    Partner,
    Session,
)
from millejours.programme.selectors import fiche_full
from millejours.programme.services.agenda_import import (
    agenda_import_csv,
    agenda_import_ical,
    external_action_save,
)
from millejours.programme.services.events import event_save, partner_save, session_save
from millejours.programme.services.fiche_document import fiche_to_dict
from millejours.programme.services.fiches import fiche_import, fiche_indicators_save, fiche_save
from millejours.programme.services.participation import participation_create
from millejours.programme.services.registrations import attendance_record, registration_create
from tests.refusals import NOT_COORDINATION, assert_refused_without_trace

from . import builders

pytestmark = pytest.mark.django_db

ICS = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Centre social//FR
BEGIN:VEVENT
UID:atelier-42@centre-social.example
DTSTART:20300310T140000Z
SUMMARY:Atelier diversification alimentaire
END:VEVENT
END:VCALENDAR
"""
CSV = "titre;debut\nStand vaccination;2030-04-02 10:00\n"


class _ValidForm:
    """A validated form, as the pages hand it to the services: ``save()`` writes."""

    def __init__(self, save: Any) -> None:
        self.save = save


@dataclass
class World:
    fiche: Fiche
    event: Event
    session: Session
    sagefemme: Any


@pytest.fixture
def world(sagefemme, commune) -> World:
    fiche = Fiche.objects.create(title="Ateliers alimentation", state="en_cours")
    event = builders.event(communes=[commune])
    session = builders.session(event, days=1)
    registration_create(
        session=session, first_name="Camille", last_name="Exemple", email="c@x.test"
    )
    return World(fiche, event, session, sagefemme)


def _new_event() -> Event:
    return Event.objects.create(
        title="Atelier portage", theme="vaccination", kind=EventKind.GROUPE_INFORMATION
    )


# Each write: how to call it as ``actor``, and what it changes (unchanged after a refusal).
WRITES = {
    "event_save": (
        lambda actor, w: event_save(form=_ValidForm(_new_event), actor=actor),
        lambda w: Event.objects.count(),
    ),
    "session_save": (
        lambda actor, w: session_save(
            form=_ValidForm(
                lambda: Session.objects.create(
                    event=w.event, starts_at=timezone.now() + timedelta(days=9)
                )
            ),
            actor=actor,
            overlaps=0,
        ),
        lambda w: Session.objects.count(),
    ),
    "partner_save": (
        lambda actor, w: partner_save(
            form=_ValidForm(lambda: Partner.objects.create(name="Centre social")), actor=actor
        ),
        lambda w: Partner.objects.count(),
    ),
    "external_action_save": (
        lambda actor, w: external_action_save(
            event=Event(title="Stand", theme="vaccination", kind=EventKind.GROUPE_INFORMATION),
            starts_at=timezone.now() + timedelta(days=3),
            commune=None,
            place="Marché",
            actor=actor,
        ),
        lambda w: (Event.objects.count(), Session.objects.count()),
    ),
    "agenda_import_csv": (
        lambda actor, w: agenda_import_csv(content=CSV, actor=actor),
        lambda w: (Event.objects.count(), Session.objects.count()),
    ),
    "agenda_import_ical": (
        lambda actor, w: agenda_import_ical(content=ICS, actor=actor),
        lambda w: (Event.objects.count(), Session.objects.count()),
    ),
    "participation_create": (
        lambda actor, w: participation_create(
            actor=actor,
            user=w.sagefemme,
            fiche=w.fiche,
            date=date(2026, 3, 2),
            role=ParticipationRole.ANIMATION,
            hours=2,
        ),
        lambda w: Participation.objects.count(),
    ),
    "fiche_import": (
        lambda actor, w: fiche_import(payload=fiche_to_dict(fiche_full(w.fiche.pk)), actor=actor),
        lambda w: Fiche.objects.count(),
    ),
    "fiche_save": (
        lambda actor, w: fiche_save(
            fiche=Fiche(title="Café des parents", state="idee"), actor=actor, created=True
        ),
        lambda w: Fiche.objects.count(),
    ),
    "fiche_indicators_save": (
        lambda actor, w: fiche_indicators_save(
            fiche=w.fiche,
            actor=actor,
            values=_ValidForm(
                lambda: Indicator.objects.create(fiche=w.fiche, label="Participants", source="x")
            ),
        ),
        lambda w: Indicator.objects.count(),
    ),
    "attendance_record": (
        lambda actor, w: attendance_record(
            session=w.session,
            present_ids=set(w.session.registrations.values_list("pk", flat=True)),
            actor=actor,
        ),
        lambda w: (
            list(Session.objects.values_list("attendance_recorded_at", flat=True))
            + list(w.session.registrations.values_list("attended", flat=True))
        ),
    ),
}


@pytest.mark.parametrize("persona", NOT_COORDINATION)
@pytest.mark.parametrize("write", WRITES)
def test_outside_the_coordination_no_programme_write_goes_through(request, world, write, persona):
    call, written = WRITES[write]
    user = request.getfixturevalue(persona)
    assert_refused_without_trace(lambda: call(user, world), lambda: written(world))


@pytest.mark.parametrize("write", WRITES)
def test_the_coordination_writes_and_it_is_audited(world, coordinator, write):
    call, written = WRITES[write]
    before, events = written(world), AuditEvent.objects.count()
    call(coordinator, world)
    assert written(world) != before
    assert AuditEvent.objects.filter(actor=coordinator).count() > 0
    assert AuditEvent.objects.count() > events


@pytest.mark.parametrize(
    "write, label",
    [
        ("fiche_import", None),
        ("fiche_import", "commande fiche import"),
        ("agenda_import_csv", "commande ateliers"),
        ("agenda_import_ical", "commande ateliers"),
        ("participation_create", "démonstration"),
    ],
)
def test_the_platform_itself_still_writes(world, write, label):
    call, written = WRITES[write]
    before = written(world)
    call(label, world)
    assert written(world) != before


def test_an_anonymous_visitor_is_refused_too(world):
    call, written = WRITES["event_save"]
    before = written(world)
    with pytest.raises(PermissionDenied):
        call(AnonymousUser(), world)
    assert written(world) == before
