"""Saving an event, a session or a partner is one audited write: both land, or neither."""

from datetime import timedelta

import pytest

from millejours.audit.models import AuditEvent
from millejours.programme.models import Event, Partner

from . import builders

pytestmark = pytest.mark.django_db


def _event_form(**extra):
    return {
        "title": "Atelier portage",
        "kind": "groupe_information",
        "theme": "vaccination",
        **extra,
    }


def test_the_coordinator_saving_an_event_leaves_an_audit_event(login, coordinator):
    response = login(coordinator).post("/programme/evenements/nouveau/", _event_form())
    assert response.status_code == 302, response.content.decode()
    event = Event.objects.get(title="Atelier portage")
    audit = AuditEvent.objects.get(action="programme.evenement")
    assert audit.actor == coordinator and audit.object_id == str(event.pk)


def test_a_session_kept_despite_an_overlap_says_so_in_the_audit_trail(login, coordinator, commune):
    other = builders.session(
        builders.event(title="Stand du centre social", is_external=True, communes=[commune]),
        days=20,
        commune=commune,
    )
    mine = builders.event(title="Atelier parents", communes=[commune])
    data = {
        "starts_at": (other.starts_at + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        "commune": commune.pk,
        "place": "Mairie",
        "capacity": 10,
        "confirm_overlap": "1",
    }
    client = login(coordinator)
    assert (
        client.post(f"/programme/evenements/{mine.pk}/seances/nouvelle/", data).status_code == 302
    )
    audit = AuditEvent.objects.get(action="programme.seance")
    assert audit.details == {"chevauchements": 1}


def test_when_the_audit_trail_cannot_be_written_nothing_is_saved(login, coordinator, monkeypatch):
    def broken(**_kwargs):
        raise RuntimeError("journal indisponible")

    monkeypatch.setattr("millejours.programme.services.events.record_event", broken)
    client = login(coordinator)
    client.raise_request_exception = False
    response = client.post(
        "/programme/partenaires/nouveau/", {"name": "Asso", "kind": "association"}
    )
    assert response.status_code == 500
    assert not Partner.objects.exists()
