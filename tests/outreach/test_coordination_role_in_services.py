"""The outreach writes hold the coordination's role rule themselves (docs/trust.md § 9).

The pages of the outreach space check « Réservé à la coordination » first; the services
check it again, so a caller that skips the pages (another view, an htmx endpoint, an API
route) meets ``PermissionDenied`` before anything is written, audit event included. The
coordination writes; so does the platform itself (``user=None``: a job, an operator's
callback, the demo).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from millejours.audit.models import AuditEvent
from millejours.outreach import services
from millejours.outreach.duplicates import duplicate_dismiss, duplicate_merge
from millejours.outreach.imports import batch_confirm, batch_create
from millejours.outreach.models import (
    ImportBatch,
    ImportStatus,
    OutreachContact,
    PossibleDuplicate,
    Recontact,
    RecontactKind,
    Sequence,
    SequenceStep,
    Stage,
)
from tests.refusals import NOT_COORDINATION, assert_refused_without_trace

from .conftest import make_contact
from .helpers import csv_bytes, people, run_command, write
from .test_possible_duplicates import _same_person_as

pytestmark = pytest.mark.django_db


@dataclass
class World:
    contact: OutreachContact
    sequence: Sequence
    batch: ImportBatch
    duplicate: PossibleDuplicate


@pytest.fixture
def world(tmp_path, family, sequence) -> World:
    run_command(write(tmp_path, [_same_person_as(family, telephone="07 81 22 33 44")]))
    batch = ImportBatch.objects.create(
        original_name="declarations.csv", sha256="0" * 64, status=ImportStatus.PREVIEWED
    )
    return World(make_contact(), sequence, batch, PossibleDuplicate.objects.get())


def _upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("declarations.csv", csv_bytes(people(2)))


# Each write: how to call it as ``user``, and what it changes (unchanged after a refusal).
WRITES: dict[str, tuple[Any, Any]] = {
    "batch_create": (
        lambda user, w: batch_create(uploaded=_upload(), user=user),
        lambda w: ImportBatch.objects.count(),
    ),
    "batch_confirm": (
        lambda user, w: batch_confirm(batch=w.batch, user=user),
        lambda w: ImportBatch.objects.get(pk=w.batch.pk).status,
    ),
    "sequence_save": (
        lambda user, w: services.sequence_save(
            sequence=Sequence(name="Relances automne"), user=user, created=True
        ),
        lambda w: Sequence.objects.count(),
    ),
    "step_save": (
        lambda user, w: services.step_save(
            step=SequenceStep(sequence=w.sequence, stage=Stage.MONTH_4, body="Bonjour {prenom}"),
            user=user,
            created=True,
        ),
        lambda w: SequenceStep.objects.count(),
    ),
    "default_sequence_create": (
        lambda user, w: services.default_sequence_create(user=user),
        lambda w: Sequence.objects.count(),
    ),
    "recontact_record": (
        lambda user, w: services.recontact_record(
            family=w.contact.family, kind=RecontactKind.CALL, occurred_on=date.today(), user=user
        ),
        lambda w: Recontact.objects.count(),
    ),
    "contact_mark_moved_away": (
        lambda user, w: services.contact_mark_moved_away(contact=w.contact, user=user),
        lambda w: OutreachContact.objects.get(pk=w.contact.pk).moved_away_at,
    ),
    "duplicate_merge": (
        lambda user, w: duplicate_merge(duplicate=w.duplicate, user=user),
        lambda w: PossibleDuplicate.objects.get(pk=w.duplicate.pk).status,
    ),
    "duplicate_dismiss": (
        lambda user, w: duplicate_dismiss(duplicate=w.duplicate, user=user),
        lambda w: PossibleDuplicate.objects.get(pk=w.duplicate.pk).status,
    ),
}


@pytest.mark.parametrize("persona", NOT_COORDINATION)
@pytest.mark.parametrize("write", WRITES)
def test_outside_the_coordination_no_outreach_write_goes_through(request, world, write, persona):
    call, written = WRITES[write]
    user = request.getfixturevalue(persona)
    assert_refused_without_trace(lambda: call(user, world), lambda: written(world))


@pytest.mark.parametrize("write", WRITES)
def test_the_coordination_writes_and_it_is_audited(world, coordinator, write):
    call, written = WRITES[write]
    before = written(world)
    call(coordinator, world)
    assert written(world) != before
    if write != "default_sequence_create":  # the stock sequence is created, not audited
        assert AuditEvent.objects.filter(actor=coordinator).exists()


@pytest.mark.parametrize(
    "write", ["default_sequence_create", "recontact_record", "contact_mark_moved_away"]
)
def test_the_platform_itself_still_writes(world, write):
    call, written = WRITES[write]
    before = written(world)
    call(None, world)
    assert written(world) != before
