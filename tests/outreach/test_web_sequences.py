"""The coordinator edits sequences and messages; the SMS length is shown live."""

import pytest
from django.urls import reverse

from millejours.audit.models import AuditEvent
from millejours.outreach.models import Recontact, Sequence, SequenceStep

pytestmark = pytest.mark.django_db


def test_create_a_sequence_with_hours_and_days(login, coordinator):
    client = login(coordinator)
    response = client.post(
        reverse("outreach:sequence_new"),
        {
            "name": "Déclarations CPAM",
            "active": "on",
            "send_from": "09:30",
            "send_until": "18:00",
            "weekdays": ["0", "2", "4"],
        },
    )
    sequence = Sequence.objects.get()
    assert response.url == reverse("outreach:sequence_edit", args=[sequence.pk])
    assert sequence.weekdays == [0, 2, 4]
    assert AuditEvent.objects.filter(action="outreach.sequence_creee").exists()


def test_hours_must_be_ordered_and_a_day_chosen(login, coordinator):
    response = login(coordinator).post(
        reverse("outreach:sequence_new"), {"name": "X", "send_from": "18:00", "send_until": "09:00"}
    )
    html = response.content.decode()
    assert "L&#x27;heure de fin doit suivre l&#x27;heure de début." in html
    assert "Choisissez au moins un jour d&#x27;envoi." in html
    assert not Sequence.objects.exists()


def test_a_message_needs_known_variables_and_the_opt_out_link(login, coordinator, sequence):
    client = login(coordinator)
    url = reverse("outreach:step_new", args=[sequence.pk])
    data = {
        "stage": "mois_4",
        "delay_days": "0",
        "channel": "sms",
        "body": "Bonjour {prenon}",
        "order": "1",
        "active": "on",
    }
    html = client.post(url, data).content.decode()
    assert "Variable inconnue : {prenon}." in html
    data["body"] = "Bonjour {prenom}"
    assert "doit contenir {lien_desinscription}" in client.post(url, data).content.decode()
    data["body"] = "Bonjour {prenom}, EPP ? {lien_desinscription}"
    assert client.post(url, data).status_code == 302
    assert SequenceStep.objects.filter(sequence=sequence, stage="mois_4").exists()


def test_the_sms_preview_fragment_counts_segments(login, coordinator):
    client = login(coordinator)
    gsm = client.post(reverse("outreach:sms_preview"), {"body": "a" * 161}).content.decode()
    assert "161 caractères (GSM-7) : 2 SMS" in gsm
    ucs = client.post(
        reverse("outreach:sms_preview"), {"body": "Ça y est, bientôt !"}
    ).content.decode()
    assert "(UCS-2)" in ucs and "« ô »" in ucs


def test_record_a_visit_recontact(login, coordinator, family):
    client = login(coordinator)
    url = reverse("outreach:recontact_new")
    html = client.post(
        url, {"reference": family.reference, "kind": "visite", "occurred_on": "2026-01-10"}
    ).content.decode()
    assert "Précisez qui a fait la visite." in html
    client.post(
        url,
        {
            "reference": family.reference.lower(),
            "kind": "visite",
            "visit_by": "puericultrice",
            "occurred_on": "2026-01-10",
        },
    )
    assert Recontact.objects.get().visit_by == "puericultrice"
    html = client.post(
        url, {"reference": "F-INCONNU", "kind": "appel", "occurred_on": "2026-01-10"}
    ).content.decode()
    assert "Aucune famille avec cette référence." in html


def test_the_outreach_home_lists_sequences_outbox_and_links(login, coordinator):
    from millejours.outreach.services import default_sequence_create

    sequence = default_sequence_create(user=coordinator)
    html = login(coordinator).get(reverse("outreach:home")).content.decode()
    assert sequence.name.replace("«", "&laquo;") in html or "Petits pas grands pas" in html
    assert "À envoyer" in html and "Importer des déclarations" in html


def test_the_default_sequence_covers_every_stage_and_fits_sms(coordinator):
    from millejours.outreach import sms
    from millejours.outreach.services import default_sequence_create

    sequence = default_sequence_create(user=coordinator)
    assert default_sequence_create(user=coordinator) == sequence
    assert {s.stage for s in sequence.steps.all()} == {
        "declaration",
        "mois_4",
        "mois_8",
        "naissance_j7",
        "epnp",
        "vaccins",
    }
    for step in sequence.steps.all():
        assert sms.unknown_variables(step.body) == []
        assert sms.sms_length(sms.render(step.body, sms.SAMPLE)).segments <= 3


def test_the_step_editor_names_calendar_steps_by_their_labels(login, coordinator, sequence):
    from millejours.outreach.models import SequenceStep

    client = login(coordinator)
    html = client.get(reverse("outreach:step_new", args=[sequence.pk])).content.decode()
    assert '<option value="epp">Entretien prénatal précoce (EPP)</option>' in html
    assert "Code d" not in html
    assert ">4e mois de grossesse<" in html
    response = client.post(
        reverse("outreach:step_new", args=[sequence.pk]),
        {
            "stage": "mois_4",
            "delay_days": 0,
            "channel": "sms",
            "body": "Bonjour {prenom}. STOP : {lien_desinscription}",
            "stop_milestone": "epp",
            "active": "on",
            "order": 1,
        },
    )
    assert response.status_code == 302
    assert SequenceStep.objects.get(stage="mois_4").stop_milestone == "epp"
