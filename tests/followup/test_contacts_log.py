"""The contacts log: dated contacts, French validation, notes encrypted at rest, audited."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from millejours.audit.models import AuditEvent
from millejours.followup.models import Contact

pytestmark = pytest.mark.django_db


def test_the_referent_records_a_contact(login, referente, followed):
    today = timezone.localdate()
    response = login(referente).post(
        reverse("followup:contact_add", args=[followed.pk]),
        {
            "occurred_on": today.isoformat(),
            "channel": "visite_domicile",
            "summary": "Visite, tout va bien.",
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert (contact.family, contact.author, contact.occurred_on) == (followed, referente, today)
    assert contact.summary == "Visite, tout va bien."
    assert AuditEvent.objects.filter(action="followup.contact", family_id_ref=followed.pk).exists()
    page = login(referente).get(reverse("followup:family", args=[followed.pk])).content.decode()
    assert "Visite à domicile du " + today.strftime("%d/%m/%Y") in page


def test_the_summary_is_encrypted_in_the_database(login, referente, followed):
    login(referente).post(
        reverse("followup:contact_add", args=[followed.pk]),
        {
            "occurred_on": timezone.localdate().isoformat(),
            "channel": "telephone",
            "summary": "Secret médical",
        },
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT summary FROM {Contact._meta.db_table}")
        (raw,) = cursor.fetchone()
    assert raw.startswith("fernet:") and "Secret" not in raw


@pytest.mark.parametrize(
    "data, message",
    [
        ({"channel": "telephone", "summary": "x"}, "Indiquez la date du contact."),
        (
            {"occurred_on": "future", "channel": "telephone", "summary": "x"},
            "ne peut pas être dans le futur",
        ),
        (
            {"occurred_on": "today", "channel": "pigeon", "summary": "x"},
            "Sélectionnez un choix valide",
        ),
        (
            {"occurred_on": "today", "channel": "telephone", "summary": ""},
            "Le compte rendu est obligatoire.",
        ),
    ],
)
def test_an_invalid_contact_is_refused_in_french_and_nothing_is_saved(
    login, referente, followed, data, message
):
    today = timezone.localdate()
    dates = {"today": today.isoformat(), "future": (today + timedelta(days=2)).isoformat()}
    if "occurred_on" in data:
        data = {**data, "occurred_on": dates[data["occurred_on"]]}
    response = login(referente).post(reverse("followup:contact_add", args=[followed.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Contact.objects.exists()
