"""Web import by the coordinator: upload → preview (nothing written) → commit; rejected rows as CSV."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from millejours.outreach.models import ImportBatch, ImportStatus, OutreachContact
from millejours.pathway.models import Family

from .helpers import csv_bytes, people, row

pytestmark = pytest.mark.django_db


def upload(client, rows, name="declarations.csv"):
    return client.post(
        reverse("outreach:import_new"), {"file": SimpleUploadedFile(name, csv_bytes(rows))}
    )


def test_upload_shows_a_preview_and_writes_nothing(login, coordinator, commune):
    client = login(coordinator)
    response = upload(client, [*people(3), row(nom="")])
    batch = ImportBatch.objects.get()
    assert response.url == reverse("outreach:import_detail", args=[batch.pk])
    assert batch.status == ImportStatus.PREVIEWED
    assert batch.preview["created"] == 3 and batch.preview["rejected_count"] == 1
    assert not Family.objects.exists()
    page = client.get(response.url).content.decode()
    assert "Familles à créer" in page and "Nom manquant." in page and "Confirmer l" in page


def test_commit_writes_and_cannot_be_repeated(login, coordinator, commune):
    client = login(coordinator)
    upload(client, people(3))
    batch = ImportBatch.objects.get()
    client.post(reverse("outreach:import_commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE
    assert batch.result["created"] == 3
    assert OutreachContact.objects.filter(import_batch=batch).count() == 3
    client.post(reverse("outreach:import_commit", args=[batch.pk]))
    assert Family.objects.count() == 3


def test_rejected_rows_download_as_a_csv_to_fix(login, coordinator, commune):
    client = login(coordinator)
    upload(client, [*people(1), row(nom="", prenom="Anaïs")])
    batch = ImportBatch.objects.get()
    response = client.get(reverse("outreach:import_rejects", args=[batch.pk]))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].endswith(";erreurs")
    assert len(lines) == 2 and "Anaïs" in lines[1] and "Nom manquant." in lines[1]


def test_an_unreadable_file_is_reported(login, coordinator):
    client = login(coordinator)
    client.post(
        reverse("outreach:import_new"), {"file": SimpleUploadedFile("x.csv", b"a;b\n1;2\n")}
    )
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.FAILED
    assert (
        "Aucune colonne reconnue"
        in client.get(reverse("outreach:import_detail", args=[batch.pk])).content.decode()
    )


def test_a_large_file_runs_as_a_task_and_the_page_polls(login, coordinator, commune, settings):
    settings.OUTREACH_INLINE_IMPORT_ROWS = 1
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = login(coordinator)
    upload(client, people(5))
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.UPLOADED  # waiting for the worker
    fragment = client.get(
        reverse("outreach:import_status", args=[batch.pk]), headers={"HX-Request": "true"}
    )
    html = fragment.content.decode()
    assert 'hx-trigger="every 1s"' in html and "<progress" in html


def test_a_wrong_extension_is_refused_with_a_french_message(login, coordinator):
    response = login(coordinator).post(
        reverse("outreach:import_new"), {"file": SimpleUploadedFile("x.pdf", b"%PDF")}
    )
    assert (
        "Type de fichier non accepté (.pdf). Types acceptés : CSV, Excel (.xlsx)."
        in response.content.decode()
    )
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize("persona", ["sagefemme", "parent", "partner"])
def test_only_coordination_reaches_the_outreach_space(login, persona, request):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("outreach:home")).status_code == 403
    assert client.get(reverse("outreach:import_new")).status_code == 403
