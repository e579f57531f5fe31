"""The coordinator's import pages: the preview lists the rows to create; the result links
to the created families and to the planned messages; recontacts link to the family."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from millejours.audit.models import AccessLog
from millejours.outreach.models import (
    ImportBatch,
    OutreachContact,
    Recontact,
    RecontactKind,
    SequenceStep,
    Stage,
)

from .helpers import csv_bytes, people, row

pytestmark = pytest.mark.django_db


def upload(client, rows):
    client.post(
        reverse("outreach:import_new"),
        {"file": SimpleUploadedFile("declarations.csv", csv_bytes(rows))},
    )
    return ImportBatch.objects.get()


def test_the_preview_lists_the_rows_that_will_create_a_family(login, coordinator, commune):
    client = login(coordinator)
    batch = upload(client, [*people(2), row(nom="")])
    html = client.get(reverse("outreach:import_detail", args=[batch.pk])).content.decode()
    assert "Familles qui seront créées" in html
    assert "Julie MARTINA0" in html and "Julie MARTINB1" in html
    assert "01/01/1985" in html  # the mother's birth date, to recognise her


def test_the_result_links_to_the_created_families_and_the_planned_messages(
    login, coordinator, commune, sequence
):
    SequenceStep.objects.create(
        sequence=sequence, stage=Stage.MONTH_4, body="Le 4e mois : {prenom}."
    )
    client = login(coordinator)
    batch = upload(client, people(3))
    client.post(reverse("outreach:import_commit", args=[batch.pk]))
    html = client.get(reverse("outreach:import_detail", args=[batch.pk])).content.decode()
    for contact in OutreachContact.objects.filter(import_batch=batch):
        assert reverse("outreach:family", args=[contact.family_id]) in html
    assert "Messages planifiés" in html
    assert "4e mois de grossesse" in html and "Déclaration de grossesse" in html
    assert "mois_4" not in html
    # DDR 70 days ago: the 4th month (15 SA) comes 35 days from now for the three families.
    first = dt.date.today() + dt.timedelta(days=35)
    from django.utils import dateformat

    assert dateformat.format(first, "j F Y") in html


def test_the_family_page_shows_the_outreach_and_logs_the_read(login, coordinator, commune):
    client = login(coordinator)
    batch = upload(client, people(1))
    client.post(reverse("outreach:import_commit", args=[batch.pk]))
    contact = OutreachContact.objects.get()
    Recontact.objects.create(
        family=contact.family,
        contact=contact,
        kind=RecontactKind.choices[0][0],
        occurred_on=dt.date.today(),
        recorded_by=coordinator,
    )
    home = client.get(reverse("outreach:home")).content.decode()
    url = reverse("outreach:family", args=[contact.family_id])
    assert url in home  # the recontact links to the family
    html = client.get(url).content.decode()
    assert "Julie" in html and "Recontacts" in html
    assert AccessLog.objects.filter(
        family_id_ref=contact.family_id, page="outreach:family"
    ).exists()


def test_a_family_without_outreach_is_not_shown_to_the_coordinator(login, coordinator, family):
    assert login(coordinator).get(reverse("outreach:family", args=[family.pk])).status_code == 404
