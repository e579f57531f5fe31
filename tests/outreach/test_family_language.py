"""SMS in the family's language, with the French text as fallback (docs/langues.md)."""

import pytest
from django.urls import reverse

from millejours.outreach import planner, services, sms
from millejours.outreach.models import OutboundMessage, SequenceStep, Stage
from millejours.pathway.languages import family_set_preferred_language

from .conftest import make_contact

pytestmark = pytest.mark.django_db

FRENCH = "Bonjour {prenom}, bienvenue. STOP : {lien_desinscription}"
ARABIC = "مرحبًا {prenom}، أهلًا بكِ. لإيقاف الرسائل: {lien_desinscription}"


def in_language(language):
    contact = make_contact()
    family_set_preferred_language(family=contact.family, language=language, user=None)
    return contact


def test_a_step_without_translations_falls_back_to_french(sequence, tuesday_morning):
    contact = in_language("ar")
    assert planner.plan_messages() == 1
    body = OutboundMessage.objects.get(contact=contact).body
    assert body.startswith("Bonjour Camille, bienvenue.")


def test_each_family_gets_the_text_of_its_language(sequence, tuesday_morning):
    step = sequence.steps.get()
    step.translations = {"ar": {"subject": "", "body": ARABIC}}
    step.save()
    arabic, english, french = in_language("ar"), in_language("en"), in_language("fr")
    assert planner.plan_messages() == 3
    bodies = {m.contact_id: m.body for m in OutboundMessage.objects.all()}
    assert bodies[arabic.pk].startswith("مرحبًا Camille")
    assert bodies[english.pk].startswith("Bonjour Camille")  # no English text: French
    assert bodies[french.pk].startswith("Bonjour Camille")


def test_an_empty_translation_is_the_french_text():
    step = SequenceStep(subject="Objet", body="Corps", translations={"en": {"body": "  "}})
    assert step.text_for("en") == ("Objet", "Corps")
    step.translations = {"en": {"subject": "", "body": "Body"}}
    assert step.text_for("en") == ("Objet", "Body")
    assert step.text_for("fr") == ("Objet", "Corps")


def test_the_default_sequence_has_english_and_arabic_texts():
    default = services.default_sequence_create()
    for step in default.steps.all():
        french_variables = {v for v in sms.VARIABLES if "{" + v + "}" in step.body}
        for language in ("en", "ar"):
            _subject, body = step.text_for(language)
            assert body != step.body, (step.stage, language)
            assert sms.unknown_variables(body) == []
            assert "{lien_desinscription}" in body
            assert {v for v in sms.VARIABLES if "{" + v + "}" in body} == french_variables


def test_the_step_editor_saves_and_checks_the_other_languages(login, coordinator, sequence):
    client = login(coordinator)
    url = reverse("outreach:step_new", args=[sequence.pk])
    data = {
        "stage": Stage.MONTH_4,
        "delay_days": "0",
        "channel": "sms",
        "body": "Bonjour {prenom}. STOP : {lien_desinscription}",
        "body_ar": "مرحبًا {prenom}",
        "order": "1",
        "active": "on",
    }
    html = client.post(url, data).content.decode()
    assert "doit contenir {lien_desinscription}" in html
    data["body_ar"] = ARABIC
    data["body_en"] = "Hello {prenom}. STOP: {lien_desinscription}"
    assert client.post(url, data).status_code == 302
    step = SequenceStep.objects.get(stage=Stage.MONTH_4)
    assert step.translations == {
        "en": {"subject": "", "body": "Hello {prenom}. STOP: {lien_desinscription}"},
        "ar": {"subject": "", "body": ARABIC},
    }
