"""Exports a spreadsheet opens without running anything: formula injection (issue 11, item 4)."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from millejours.accounts.models import Profession, Role
from millejours.lib.spreadsheet import TRIGGERS, csv_text, neutralise, xlsx_bytes
from millejours.outreach.models import ImportBatch
from millejours.programme.models import Fiche
from millejours.programme.services.participation import participation_create
from tests import factories
from tests.outreach.helpers import csv_bytes, row

PAYLOADS = ['=HYPERLINK("http://x","clic")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_a_spreadsheet_would_run_gets_a_leading_quote(payload):
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize(
    "value", ["Martin", "12,50", "< 5", "", 3, -2.5, date(2025, 1, 2), None, True]
)
def test_plain_text_and_non_text_values_are_unchanged(value):
    assert neutralise(value) == value


def test_the_csv_writer_neutralises_every_cell_header_included():
    text = csv_text(["=entete", "nom"], [["-1+2", "Léa"]])
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [["'=entete", "nom"], ["'-1+2", "Léa"]]


def test_xlsx_text_is_always_text_never_a_formula_nor_an_error_value():
    data = xlsx_bytes("Feuille", ["nom", "valeur"], [["=1+1", -3], ["#N/A", 4], ["ok\x01", 2.5]])
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(c.data_type in ("s", "n") for c in cells)
    assert [c.value for c in cells] == ["nom", "valeur", "'=1+1", -3, "#N/A", 4, "ok", 2.5]
    assert {c.data_type for c in cells if isinstance(c.value, str)} == {"s"}


def _text_cells(rows):
    return [cell for r in rows for cell in r if isinstance(cell, str)]


def _assert_safe(cells):
    dangerous = [c for c in cells if c.startswith(TRIGGERS)]
    assert not dangerous, dangerous


@pytest.mark.django_db
def test_the_participations_exports_neutralise_a_hostile_name(coordinator, login):
    fiche = Fiche.objects.create(title="=cmd|' /C calc'!A0", state="en_cours")
    pro = factories.user(
        Role.PROFESSIONAL,
        profession=Profession.SAGE_FEMME,
        last_name="=HYPERLINK(1)",
        first_name="@Dr",
    )
    participation_create(
        actor=coordinator,
        user=pro,
        fiche=fiche,
        date=date(2025, 5, 2),
        role="organisation",
        hours="1.5",
    )
    client = login(coordinator)
    text = client.get("/programme/participations/export.csv?annee=2025").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert "'=HYPERLINK(1)" in rows[1]
    _assert_safe(_text_cells(rows))
    response = client.get("/programme/participations/export.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [c for r in sheet.iter_rows() for c in r]
    assert all(c.data_type != "f" for c in cells)
    assert "'=HYPERLINK(1)" in [c.value for c in cells]
    _assert_safe(_text_cells([[c.value for c in cells]]))


@pytest.mark.django_db
def test_the_indicator_exports_neutralise_every_text_cell(coordinator, login, monkeypatch):
    from millejours.indicators import views

    monkeypatch.setattr(
        views, "flat_rows", lambda table, years, funders: [["=2+2", 1, "-", "Source"]]
    )
    client = login(coordinator)
    text = client.get("/indicateurs/export.csv").content.decode("utf-8-sig")
    assert "'=2+2;1;'-;Source" in text
    sheet = load_workbook(io.BytesIO(client.get("/indicateurs/export.xlsx").content)).active
    assert [c.value for c in sheet[2]][:4] == ["'=2+2", 1, "'-", "Source"]
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)


def test_the_rejected_rows_file_neutralises_what_the_uploaded_file_contained(login, coordinator):
    client = login(coordinator)
    hostile = row(nom='=HYPERLINK("http://x")', prenom="", telephone="+33 6 12")
    client.post(
        reverse("outreach:import_new"),
        {"file": SimpleUploadedFile("declarations.csv", csv_bytes([hostile]))},
    )
    batch = ImportBatch.objects.get()
    text = client.get(reverse("outreach:import_rejects", args=[batch.pk])).content.decode(
        "utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    _assert_safe(_text_cells(rows))


def test_the_rejected_rows_round_trip_fix_then_reimport(login, coordinator, commune):
    """A phone '+33…' comes back as « '+33… » in the rejected rows; the import reads it back."""
    client = login(coordinator)
    client.post(
        reverse("outreach:import_new"),
        {
            "file": SimpleUploadedFile(
                "declarations.csv", csv_bytes([row(nom="", telephone="+33 6 12 34 56 78")])
            )
        },
    )
    batch = ImportBatch.objects.get()
    text = client.get(reverse("outreach:import_rejects", args=[batch.pk])).content.decode(
        "utf-8-sig"
    )
    assert "'+33 6 12 34 56 78" in text
    fixed = text.replace("\n;", "\nMartin;", 1)  # the coordinator fills the name in
    header, line = [r for r in csv.reader(io.StringIO(fixed), delimiter=";")][:2]
    corrected = ";".join(header[:-1]) + "\n" + ";".join(line[:-1]) + "\n"
    client.post(
        reverse("outreach:import_new"),
        {"file": SimpleUploadedFile("corrige.csv", corrected.encode())},
    )
    second = ImportBatch.objects.latest("pk")
    assert second.preview["rejected_count"] == 0 and second.preview["created"] == 1


def test_unneutralise_reverses_neutralise_only():
    from millejours.lib.spreadsheet import unneutralise

    for payload in PAYLOADS:
        assert unneutralise(neutralise(payload)) == payload
    assert unneutralise("'ordinaire") == "'ordinaire"
