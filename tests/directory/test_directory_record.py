"""Structures and services are directory entries (``DirectoryRecord``): identified per model by
``(source, source_id)``, shown and ordered by name, stamped when created and changed."""

import pytest
from django.db import IntegrityError, transaction

from millejours.directory.models import Service, Structure

from .helpers import service, structure

pytestmark = pytest.mark.django_db


def test_an_entry_is_unique_per_source_and_id_within_its_model():
    first = structure()
    with transaction.atomic(), pytest.raises(IntegrityError):
        Structure.objects.create(source=first.source, source_id=first.source_id, name="Autre")
    offered = service(structure_obj=first)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Service.objects.create(
            structure=first, source=offered.source, source_id=offered.source_id, name="Autre"
        )
    # Structures and services are identified separately: the same pair may name one of each.
    Service.objects.create(structure=first, source=first.source, source_id=first.source_id)
    assert Service.objects.filter(source=first.source, source_id=first.source_id).exists()


def test_entries_are_shown_and_ordered_by_name():
    castanet = structure(name="PMI de Castanet")
    structure(name="CAF de Toulouse")
    service(name="Portage", structure_obj=castanet)
    service(name="Allaitement", structure_obj=castanet)
    assert [str(s) for s in Structure.objects.all()] == ["CAF de Toulouse", "PMI de Castanet"]
    assert [str(s) for s in Service.objects.all()] == ["Allaitement", "Portage"]


def test_entries_are_stamped_when_created_and_changed():
    entry = structure()
    created, updated = entry.created_at, entry.updated_at
    assert created is not None and updated is not None
    entry.name = "PMI de Castanet (nouvelle adresse)"
    entry.save()
    entry.refresh_from_db()
    assert entry.created_at == created
    assert entry.updated_at >= updated
