"""Declaration files: encrypted at rest, erased with the person, purged after retention (issue 11, item 8)."""

import os
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from millejours.outreach.files import MAGIC, batch_file_bytes
from millejours.outreach.models import ImportBatch
from millejours.outreach.services import purge_declaration_files
from millejours.pathway.models import Parent
from millejours.privacy.rgpd import erase_family

from .helpers import csv_bytes, nir, people, row

pytestmark = pytest.mark.django_db


def upload(client, rows, name="declarations.csv"):
    data = csv_bytes(rows)
    client.post(reverse("outreach:import_new"), {"file": SimpleUploadedFile(name, data)})
    return ImportBatch.objects.latest("pk"), data


def test_the_stored_file_is_encrypted_under_a_random_name_and_still_imports(
    login, coordinator, commune
):
    client = login(coordinator)
    batch, data = upload(client, [row(nir=nir())])
    stored = open(batch.file.path, "rb").read()
    assert stored.startswith(MAGIC)
    assert (
        nir().encode() not in stored and "Lefèvre".encode() not in stored
    )  # base64 never holds "è"
    assert "declarations" not in batch.file.name
    assert batch_file_bytes(batch) == data
    client.post(reverse("outreach:import_commit", args=[batch.pk]))
    assert Parent.objects.get().nir == nir()


def test_the_rejected_rows_download_reads_the_encrypted_file(login, coordinator, commune):
    client = login(coordinator)
    batch, _ = upload(client, [row(nom="", prenom="Anaïs")])
    text = client.get(reverse("outreach:import_rejects", args=[batch.pk])).content.decode(
        "utf-8-sig"
    )
    assert "Anaïs" in text


def test_purge_erases_the_files_older_than_the_limit_and_keeps_the_counts(
    login, coordinator, commune, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    old, _ = upload(client, people(2))
    client.post(reverse("outreach:import_commit", args=[old.pk]))
    recent, _ = upload(client, people(1, start=50))
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=200))
    old_path = ImportBatch.objects.get(pk=old.pk).file.path
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_declaration_files(timezone.now() - timedelta(days=90)) == 1
    old.refresh_from_db()
    assert not old.file and old.file_erased_at and old.result["created"] == 2
    assert not os.path.exists(old_path)
    assert ImportBatch.objects.get(pk=recent.pk).file
    assert purge_declaration_files(timezone.now() - timedelta(days=90)) == 0  # idempotent
    page = client.get(reverse("outreach:import_detail", args=[old.pk])).content.decode()
    assert "fichier a été effacé" in page
    response = client.get(reverse("outreach:import_rejects", args=[old.pk]), follow=True)
    assert "effacé" in response.content.decode()


def test_erasing_a_person_erases_the_files_that_list_her_and_only_those(
    login, coordinator, admin_user, commune, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    hers, _ = upload(client, [row(nir=nir()), *people(2)])
    client.post(reverse("outreach:import_commit", args=[hers.pk]))
    others, _ = upload(client, people(2, start=10))
    her = Parent.objects.get(nir=nir())
    path = hers.file.path
    with django_capture_on_commit_callbacks(execute=True):
        erase_family(
            family=her.family,
            actor=admin_user,
            legal_basis="Demande de l'intéressée (art. 17 RGPD)",
        )
    hers.refresh_from_db()
    assert not hers.file and hers.file_erased_reason == "droit à l'effacement"
    assert not os.path.exists(path)
    assert ImportBatch.objects.get(pk=others.pk).file


def test_a_pending_import_listing_her_cannot_bring_her_back(login, coordinator, admin_user, family):
    mother = family.parents.get()
    values = row(
        nom=mother.last_name,
        prenom=mother.first_name,
        date_naissance=f"{mother.birth_date:%d/%m/%Y}",
    )
    client = login(coordinator)
    pending, _ = upload(client, [values])
    erase_family(family=family, actor=admin_user, legal_basis="Demande de l'intéressée")
    pending.refresh_from_db()
    assert pending.status == "echec" and not pending.file
    client.post(reverse("outreach:import_commit", args=[pending.pk]))
    assert not Parent.objects.filter(last_name=mother.last_name).exists()
