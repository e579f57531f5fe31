import subprocess

import pytest

from millejours.programme.demo import load_fiches
from millejours.programme.documents import fiche_docx, fiche_pdf, fiche_sections
from millejours.programme.selectors import fiche_full

pytestmark = pytest.mark.django_db


def _pdf_text(tmp_path, content: bytes) -> str:
    path = tmp_path / "fiche.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["/usr/bin/pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout


def _norm(text: str) -> str:
    return " ".join(text.split()).upper()


def test_the_pdf_of_the_seed_000_fiche_holds_every_section(tmp_path):
    fiche, _ = load_fiches()
    text = _norm(_pdf_text(tmp_path, fiche_pdf(fiche.pk)))
    sections = [title for title, body in fiche_sections(fiche_full(fiche.pk)) if body]
    assert len(sections) >= 12
    for title in sections:
        assert _norm(title) in text, title
    assert _norm("Promotion de la santé et prévention « 1000 premiers jours »") in text
    assert _norm("Sensibiliser et former les professionnels de santé") in text
    assert "OBJECTIFS ET PROGRESSION" in text


def test_the_pdf_of_the_seed_002_fiche_shows_the_budget_table(tmp_path):
    _, fiche = load_fiches()
    text = _norm(_pdf_text(tmp_path, fiche_pdf(fiche.pk)))
    assert "PRÉVISIONNEL DE DÉPENSES" in text
    for year in ("2019", "2020", "2021"):
        assert year in text
    assert "25 000 €" in text.replace("\u202f", " ")
    assert "50 000 €" in text.replace("\u202f", " ")
    assert _norm("Nombre d'entretiens prénatals précoces") in text


def test_the_docx_holds_the_sections_and_the_budget():
    import io

    from docx import Document

    _, fiche = load_fiches()
    doc = Document(io.BytesIO(fiche_docx(fiche.pk)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "OBJECTIF(S) OPÉRATIONNEL(S)" in headings
    assert "PRÉVISIONNEL DE DÉPENSES" in headings
    assert doc.tables[0].rows[0].cells[2].text == "2019"
