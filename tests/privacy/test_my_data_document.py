"""« Mes données » : a readable French document, on the page and in the PDF."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse

from millejours.pathway.selectors import get_family_for_user
from millejours.privacy.document import french_date

pytestmark = pytest.mark.django_db


def test_dates_are_written_the_french_way():
    assert french_date(dt.date(2026, 3, 12)) == "12 mars 2026"


def test_the_page_shows_the_data_in_sections_with_french_labels(login, parent, family, sagefemme):
    get_family_for_user(sagefemme, family.pk, page="pathway:family_detail")
    html = login(parent).get(reverse("privacy:my_data")).content.decode()
    html = html[html.index("<h1>") : html.index("</main>")]
    for title in (
        "Votre foyer",
        "Parents",
        "Grossesses",
        "Équipe de soins",
        "Consultations du dossier",
    ):
        assert f">{title} <" in html
    assert "Date de naissance" in html and "Prénom" in html and "Camille" in html
    assert "Sophie Martin" in html
    # No technical field names, no ISO dates, no internal codes.
    for technical in (
        "first_name",
        "display_name",
        "created_at",
        "token",
        "row_hash",
        "rule_version",
    ):
        assert technical not in html
    assert not any(f"{year}-" in html for year in range(2020, 2031))
    pregnancy = family.pregnancies.get()
    assert french_date(pregnancy.lmp) in html


def test_the_page_keeps_the_links_to_the_pdf_and_the_json(login, parent, family):
    html = login(parent).get(reverse("privacy:my_data")).content.decode()
    assert reverse("privacy:my_data_pdf", args=[family.pk]) in html
    assert reverse("privacy:my_data_json", args=[family.pk]) in html


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)
def test_the_pdf_reads_like_the_page(login, parent, family, sagefemme, tmp_path):
    get_family_for_user(sagefemme, family.pk, page="pathway:family_detail")
    response = login(parent).get(reverse("privacy:my_data_pdf", args=[family.pk]))
    pdf = tmp_path / "mes-donnees.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert f"Mes données — {family.display_name}" in text
    for expected in (
        "Votre foyer",
        "Parents",
        "Grossesses",
        "Consultations du dossier",
        "Date de naissance",
        "Sophie Martin",
        french_date(family.pregnancies.get().lmp),
    ):
        assert expected in text
    assert "first_name" not in text and "display_name" not in text


def test_linked_records_and_codes_are_in_words(login, parent, family):
    from millejours.privacy.document import family_document

    sections = {s.title: s for s in family_document(family)}
    mother = dict(sections["Parents"].rows[0])
    assert mother["Compte"] == parent.display_name  # the account, not its number
    from millejours.pathway.models import Milestone
    from millejours.privacy.document import rows_of

    step = Milestone(
        label="Examen prénatal du 4e mois", status="compulsory", due=dt.date(2026, 4, 2)
    )
    words = dict(rows_of(step))
    assert words["Statut réglementaire"] == "obligatoire" and words["Date cible"] == "2 avril 2026"


def test_a_long_section_reads_as_a_table_with_one_column_per_label():
    from millejours.privacy.document import TABLE_FROM, Section

    rows = [
        [("Libellé", f"Étape {i}"), ("Date cible", f"{i} mars 2026")] for i in range(TABLE_FROM)
    ]
    rows[0].append(("Fait le", "2 mars 2026"))
    section = Section("Étapes du parcours", rows)
    assert section.as_table
    assert section.columns == ["Libellé", "Date cible", "Fait le"]
    assert section.table[0] == ["Étape 0", "0 mars 2026", "2 mars 2026"]
    assert section.table[1] == ["Étape 1", "1 mars 2026", ""]
    assert not Section("Parents", rows[:1]).as_table


def test_every_exported_field_has_a_french_label_or_is_left_out():
    from millejours.pathway.models import Family
    from millejours.privacy.document import FIELD_LABELS, SKIP_BY_MODEL, SKIP_FIELDS
    from millejours.privacy.rgpd import family_relations

    english = []
    for model in [Family, *(m for m, _ in family_relations())]:
        skip = SKIP_FIELDS | SKIP_BY_MODEL.get(model._meta.label_lower, set())
        for f in model._meta.concrete_fields:
            default_label = str(f.verbose_name) == f.name.replace("_", " ")
            if (
                default_label
                and f.name not in FIELD_LABELS
                and f.name not in skip
                and f.name.isascii()
                and f.name not in {"commune", "source", "participants", "note"}
            ):  # same word in French
                english.append(f"{model._meta.label}.{f.name}")
    assert english == []
