"""Reports built from templates: the command contract, PDF read back with pdftotext,
DOCX and XLSX opened, and suppressed values everywhere."""

from __future__ import annotations

import io
import json
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .conftest import Y

pytestmark = pytest.mark.django_db


def _call(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_list_names_the_three_templates():
    payload = json.loads(_call("list", "--format", "json"))
    assert {r["name"] for r in payload["reports"]} == {"aci", "ars", "petits_pas"}
    assert all(set(r) == {"name", "title"} for r in payload["reports"])
    assert "Rapport annuel ACI — mission prévention" in {r["title"] for r in payload["reports"]}


def test_json_report_values_are_suppressed_strings_or_numbers(dataset, tmp_path):
    target = tmp_path / "ars.json"
    _call("build", "ars", "--year", str(Y), "--format", "json", "-o", str(target))
    payload = json.loads(target.read_text())
    assert payload["report"] == "ars" and payload["year"] == Y
    values = {i["code"]: i["value"] for i in payload["indicators"]}
    assert values["epp_couverture"] == 62.5
    assert values["epnp2_couverture"] == "< 5"  # 2 of 4
    assert values["orientations_envoyees"] == 6
    assert values["orientations_delai_reponse"] == "< 5"  # a median of 4 delays
    assert all(isinstance(v, (int, float)) or v in ("< 5", None) for v in values.values())
    months = {i["code"]: i["by_month"] for i in payload["indicators"]}["epp_couverture"]
    assert months[5]["value"] == "< 5" and months[2]["value"] == "< 5"


def test_pdf_report_reads_back_with_pdftotext(dataset, tmp_path):
    target = tmp_path / "aci.pdf"
    _call("build", "aci", "--year", str(Y), "--format", "pdf", "-o", str(target))
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Rapport annuel ACI — mission prévention — 2025" in text
    assert "Couverture de l'entretien prénatal précoce (EPP)" in text
    assert "62,5 %" in text or "62.5 %" in text
    assert "< 5" in text
    assert "cible 70" in text
    assert "Castanet-Tolosan" in text  # the per-commune chart


def test_docx_and_xlsx_reports_open(dataset, tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    _call("build", "ars", "--year", str(Y), "--format", "docx", "-o", str(tmp_path / "r.docx"))
    doc = Document(str(tmp_path / "r.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Bilan d'appel à projets 1000 premiers jours (ARS) — 2025" in text
    assert doc.inline_shapes  # charts as pictures
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "< 5" in cells and "62,5 %" in cells

    _call("build", "aci", "--year", str(Y), "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"))
    book = load_workbook(tmp_path / "r.xlsx")
    rows = {r[0]: r for r in book["Indicateurs"].iter_rows(values_only=True) if r and r[0]}
    assert rows["epp_couverture"][2] == 62.5
    assert any(ws._charts for ws in book.worksheets)


def test_petits_pas_report_uses_the_petit_pas_grand_pas_indicators(tmp_path):
    payload = json.loads(_call("build", "petits_pas", "--year", str(Y), "--format", "json"))
    assert [i["code"] for i in payload["indicators"]][0] == "recontactes_sms"
    assert payload["indicators"][0]["value"] == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (("build", "inconnu", "--year", "2025", "--format", "json"), "Rapport inconnu"),
        (("build", "aci", "--year", "20x5", "--format", "json"), "Année invalide"),
        (("build", "aci", "--year", "1890", "--format", "json"), "Année hors limites"),
        (("build", "aci", "--year", "2025", "--format", "odt"), "choix invalide"),
    ],
)
def test_bad_input_is_a_french_error_with_exit_code_2_and_no_file(args, message, tmp_path):
    target = tmp_path / "out"
    with pytest.raises(CommandError) as raised:
        _call(*args, "-o", str(target))
    assert message in str(raised.value) and raised.value.returncode == 2
    assert not target.exists()


@pytest.mark.parametrize("name", ["aci", "ars", "petits_pas"])
@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx", "json"])
def test_every_report_builds_in_every_format_on_an_empty_year(name, fmt, tmp_path):
    target = tmp_path / f"r.{fmt}"
    _call("build", name, "--year", "2024", "--format", fmt, "-o", str(target))
    assert target.stat().st_size > 0 and not (tmp_path / f"r.{fmt}.partiel").exists()
