"""One service function moves orientations; every illegal transition is refused."""

from itertools import product

import pytest
from django.db import IntegrityError, transaction

from millejours.audit.models import AuditEvent
from millejours.orientations.models import Orientation, State
from millejours.orientations.services import (
    ALLOWED_TRANSITIONS,
    TransitionError,
    orientation_transition,
)

from .helpers import orientation, partner_service

LEGAL = {(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets}


def test_the_transition_table_is_the_specified_one():
    assert LEGAL == {
        ("brouillon", "envoyee"),
        ("brouillon", "sans_suite"),
        ("envoyee", "recue"),
        ("envoyee", "acceptee"),
        ("envoyee", "refusee"),
        ("envoyee", "sans_suite"),
        ("recue", "acceptee"),
        ("recue", "refusee"),
        ("recue", "sans_suite"),
        ("acceptee", "realisee"),
        ("acceptee", "sans_suite"),
    }


@pytest.mark.parametrize(
    ("from_state", "to_state"), sorted(set(product(State.values, State.values)) - LEGAL)
)
def test_every_illegal_transition_is_refused(family, sagefemme, from_state, to_state):
    item = orientation(family, sagefemme, partner_service(), send=False)
    Orientation.objects.filter(pk=item.pk).update(
        state=from_state, refusal_reason="motif" if from_state == "refusee" else ""
    )
    item.refresh_from_db()
    events_before = AuditEvent.objects.count()
    with pytest.raises(TransitionError):
        orientation_transition(orientation=item, to_state=to_state, by=sagefemme, reason="motif")
    item.refresh_from_db()
    assert item.state == from_state
    assert AuditEvent.objects.count() == events_before


def test_a_legal_path_is_stamped_and_audited(family, sagefemme, partner):
    item = orientation(family, sagefemme, partner_service(partner), send=True)
    orientation_transition(orientation=item, to_state=State.RECEIVED, by=partner)
    orientation_transition(orientation=item, to_state=State.ACCEPTED, by=partner)
    orientation_transition(orientation=item, to_state=State.DONE, by=sagefemme)
    assert item.state == State.DONE
    steps = [(e.from_state, e.to_state, e.by_label) for e in item.events.all()]
    assert steps == [
        ("", "brouillon", "Sophie Martin"),
        ("brouillon", "envoyee", "Sophie Martin"),
        ("envoyee", "recue", "Paul Partenaire"),
        ("recue", "acceptee", "Paul Partenaire"),
        ("acceptee", "realisee", "Sophie Martin"),
    ]
    actions = list(
        AuditEvent.objects.filter(family_id_ref=family.pk, action__startswith="orientation.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "orientation.brouillon",
        "orientation.envoyee",
        "orientation.recue",
        "orientation.acceptee",
        "orientation.realisee",
    ]


def test_a_refusal_needs_a_reason(family, sagefemme, partner):
    item = orientation(family, sagefemme, partner_service(partner))
    with pytest.raises(TransitionError, match="motif du refus"):
        orientation_transition(orientation=item, to_state=State.REFUSED, by=partner, reason="  ")
    orientation_transition(
        orientation=item, to_state=State.REFUSED, by=partner, reason="Complet jusqu'en janvier"
    )
    assert item.refusal_reason == "Complet jusqu'en janvier"


def test_sending_needs_the_family_consent(family, sagefemme):
    item = orientation(family, sagefemme, partner_service(), send=False)
    Orientation.objects.filter(pk=item.pk).update(consent_given=False)
    with pytest.raises(TransitionError, match="consentement"):
        orientation_transition(orientation=item, to_state=State.SENT, by=sagefemme)


def test_creating_without_consent_is_refused(family, sagefemme):
    from django.core.exceptions import ValidationError

    from millejours.orientations.services import orientation_create

    with pytest.raises(ValidationError):
        orientation_create(
            family=family, service=partner_service(), by=sagefemme, reason="x", consent_given=False
        )
    assert Orientation.objects.count() == 0


def test_the_database_refuses_an_unknown_state(family, sagefemme):
    item = orientation(family, sagefemme, partner_service(), send=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Orientation.objects.filter(pk=item.pk).update(state="perdue")


def test_an_unknown_target_state_is_refused(family, sagefemme):
    item = orientation(family, sagefemme, partner_service(), send=False)
    with pytest.raises(TransitionError, match="inconnu"):
        orientation_transition(orientation=item, to_state="perdue", by=sagefemme)


def test_every_history_line_fits_its_column_even_for_a_long_name(family, sagefemme):
    # Names may be 150 + 150 characters long; the history's by_label column holds 200.
    # The draft line used to keep the whole name (PostgreSQL refused it, SQLite kept 301).
    sagefemme.first_name, sagefemme.last_name = "A" * 150, "B" * 150
    sagefemme.save(update_fields=["first_name", "last_name"])
    item = orientation(family, sagefemme, partner_service(), send=True)
    labels = [e.by_label for e in item.events.all()]
    assert len(labels) == 2
    assert all(len(label) == 200 for label in labels)
