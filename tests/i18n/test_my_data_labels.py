"""« Mes données » : headings and field labels in the visitor's language, values as stored.

The document is built from the models' French labels (``privacy.document``); the page
translates each heading and label, the values stay French (marked ``lang="fr"``), and the
PDF stays French (docs/langues.md).
"""

import pytest
from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from millejours.pathway.models import Family
from millejours.pathway.selectors import get_family_for_user
from millejours.privacy import document
from millejours.privacy.document import french_date
from millejours.privacy.document_labels import DOCUMENT_LABELS
from millejours.privacy.rgpd import family_relations

COOKIE = settings.LANGUAGE_COOKIE_NAME
FIXED_LABELS = {
    "Votre foyer",
    "Consultations du dossier",
    "Historique des modifications",
    "Date",
    "Personne",
    "Profession",
    "Organisation",
    "Partie consultée",
    "Accès exceptionnel",
    "Auteur",
    "Action",
}


def labels_the_document_can_show() -> set[str]:
    shown = set(FIXED_LABELS)
    for model in [Family, *(m for m, _fk in family_relations())]:
        skip = document.SKIP_FIELDS | document.SKIP_BY_MODEL.get(model._meta.label_lower, set())
        for field in model._meta.concrete_fields:
            if field.name not in skip and not isinstance(field, models.JSONField):
                shown.add(document._label(field))
        if model is not Family:
            fallback = str(model._meta.verbose_name_plural).capitalize()
            shown.add(document.SECTION_TITLES.get(model._meta.label_lower, fallback))
    return shown


def test_every_heading_and_label_reaches_the_catalogues():
    with translation.override("fr"):
        assert labels_the_document_can_show() - set(DOCUMENT_LABELS) == set()


@pytest.mark.django_db
def test_my_data_in_arabic_translates_labels_and_keeps_values(
    client, login, parent, family, sagefemme
):
    get_family_for_user(sagefemme, family.pk, page="pathway:family_detail")
    login(parent)
    client.cookies[COOKIE] = "ar"
    html = client.get(reverse("privacy:my_data")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    body = html[html.index("<h1>") : html.index("</main>")]
    assert ">أسرتكم <" in body and ">فريق الرعاية <" in body and ">الاطلاع على الملف <" in body
    assert "<dt>الاسم الأول</dt>" in body
    assert '<dd lang="fr" dir="auto">Camille</dd>' in body
    assert "Votre foyer" not in body and "Prénom" not in body
    assert "العناوين بلغتكم" in body
    # Values are written in French, dates included (« 30 novembre 2026 à 15 h 45 »).
    with translation.override("fr"):
        created = french_date(family.created_at)
    assert f'<dd lang="fr" dir="auto">{created}</dd>' in body


@pytest.mark.django_db
def test_my_data_in_english(client, login, parent, family):
    login(parent)
    client.cookies[COOKIE] = "en"
    html = client.get(reverse("privacy:my_data")).content.decode()
    assert ">Your household <" in html and "<dt>Date of birth</dt>" in html


@pytest.mark.django_db
def test_the_document_stays_french_outside_the_translated_page(parent, family):
    # The PDF is rendered with French active (``privacy:my_data_pdf`` is not translated).
    with translation.override("fr"):
        html = render_to_string(
            "privacy/_document.html",
            {"sections": document.family_document(family), "family": family},
        )
    assert ">Votre foyer <" in html and "<dt>Prénom</dt>" in html


@pytest.mark.django_db
def test_the_values_stay_french_note_is_for_other_languages_only(client, login, parent, family):
    login(parent)
    french = client.get(reverse("privacy:my_data")).content.decode()
    assert "les titres sont dans votre langue" not in french
    client.cookies[COOKIE] = "en"
    english = client.get(reverse("privacy:my_data")).content.decode()
    assert "the headings are in your language" in english
