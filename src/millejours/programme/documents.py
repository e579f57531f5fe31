"""Documents of a fiche action: PDF (WeasyPrint), DOCX (python-docx), JSON; attendance sheet."""

from __future__ import annotations

import io
import json

from django.template.loader import render_to_string

from . import vocab
from .models import Fiche, RegistrationStatus, Session
from .selectors import budget_table, fiche_full, indicator_rows
from .services.fiche_document import fiche_to_dict


def _euros(value) -> str:
    if value is None:
        return ""
    q = f"{value:,.2f}".replace(",", "\u202f").replace(".", ",")
    return q.removesuffix(",00") + " €"


def fiche_sections(fiche: Fiche) -> list[tuple[str, object]]:
    """The titled sections of a fiche, in the order of the seeds (text or list)."""
    return [
        ("Libellé de l'action", fiche.title),
        ("Structure porteuse", fiche.carrier),
        ("Mission socle ou complémentaire concernée", fiche.get_mission_display()),
        ("Cadre", fiche.framework),
        ("Thème", fiche.get_theme_display()),
        ("État", fiche.get_state_display()),
        (
            "Objectifs des appels à projets « 1000 premiers jours »",
            [vocab.call_objective_label(o.code) for o in fiche.call_objectives.all()],
        ),
        ("Problématiques constatées – Description du contexte", fiche.context),
        ("Indicateurs territoriaux", fiche.territorial_indicators),
        ("Objectif général", fiche.general_objective),
        ("Objectif(s) opérationnel(s)", [o.text for o in fiche.objectives.all()]),
        ("Public cible", fiche.target_public),
        ("Description du projet d'action", fiche.description),
        ("Actions", [a.text for a in fiche.actions.all()]),
        ("Prérequis", fiche.prerequisites),
        (
            "Date de mise en place de l'action",
            " — ".join(
                x
                for x in [
                    fiche.start_date.strftime("%d/%m/%Y") if fiche.start_date else "",
                    fiche.start_label,
                ]
                if x
            ),
        ),
        (
            "Durée de l'action",
            " — ".join(
                x
                for x in [
                    f"{fiche.duration_months} mois" if fiche.duration_months else "",
                    fiche.duration_label,
                ]
                if x
            ),
        ),
        (
            "Partenaires et co-financeurs",
            [
                f"{link.partner.name} ({link.get_role_display()}{', ' + link.details if link.details else ''})"
                for link in fiche.partner_links.all()
            ],
        ),
        ("Références", fiche.references),
    ]


def _context(fiche: Fiche) -> dict:
    return {
        "fiche": fiche,
        "sections": [
            (title, body, isinstance(body, list)) for title, body in fiche_sections(fiche) if body
        ],
        "budget": budget_table(fiche),
        "indicators": indicator_rows(fiche),
        "euros": _euros,
    }


def fiche_html(fiche: Fiche) -> str:
    ctx = _context(fiche)
    budget = ctx["budget"]
    ctx["budget_rows"] = [
        {
            "label": row["expense_item"],
            "funder": row["funder"],
            "cells": [
                (_euros(c[0]) if c else "", _euros(c[1]) if c and c[1] is not None else "")
                for c in row["year_cells"]
            ],
        }
        for row in budget.rows
    ]
    ctx["budget_totals"] = [_euros(budget.totals[y]["forecast"]) for y in budget.years]
    ctx["budget_grand"] = _euros(budget.grand_forecast)
    return render_to_string("programme/pdf/fiche.html", ctx)


def fiche_pdf(fiche_id: int) -> bytes:
    # Imported here: WeasyPrint (Pango, fonts) takes about a second to load, paid by the PDF
    # export only, not by every page of the programme.
    from weasyprint import HTML

    fiche = fiche_full(fiche_id)
    return HTML(string=fiche_html(fiche)).write_pdf()


def fiche_json(fiche_id: int) -> str:
    return json.dumps(fiche_to_dict(fiche_full(fiche_id)), ensure_ascii=False, indent=2)


def fiche_docx(fiche_id: int) -> bytes:
    # Imported here: python-docx (lxml templates) is needed by the DOCX export only.
    from docx import Document

    fiche = fiche_full(fiche_id)
    doc = Document()
    doc.add_heading("Fiche action", level=0)
    for title, body in fiche_sections(fiche):
        if not body:
            continue
        doc.add_heading(title.upper(), level=2)
        if isinstance(body, list):
            for item in body:
                doc.add_paragraph(item, style="List Bullet")
        else:
            for para in str(body).split("\n"):
                if para.strip():
                    doc.add_paragraph(para)
    budget = budget_table(fiche)
    if budget.rows:
        doc.add_heading("PRÉVISIONNEL DE DÉPENSES", level=2)
        table = doc.add_table(rows=1, cols=2 + len(budget.years))
        table.style = "Table Grid"
        header = table.rows[0].cells
        header[0].text, header[1].text = "Poste de dépense", "Financeur"
        for i, year in enumerate(budget.years):
            header[2 + i].text = str(year)
        for row in budget.rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = row["expense_item"], row["funder"]
            for i, cell in enumerate(row["year_cells"]):
                cells[2 + i].text = _euros(cell[0]) if cell else ""
        cells = table.add_row().cells
        cells[0].text = "Total"
        for i, year in enumerate(budget.years):
            cells[2 + i].text = _euros(budget.totals[year]["forecast"])
    rows = indicator_rows(fiche)
    if rows:
        doc.add_heading("OBJECTIFS ET PROGRESSION", level=2)
        years = sorted({p["year"] for r in rows for p in r.points})
        table = doc.add_table(rows=1, cols=1 + len(years))
        table.style = "Table Grid"
        table.rows[0].cells[0].text = "Indicateur"
        for i, year in enumerate(years):
            table.rows[0].cells[1 + i].text = str(year)
        for r in rows:
            cells = table.add_row().cells
            cells[0].text = r.indicator.label
            by_year = {p["year"]: p for p in r.points}
            for i, year in enumerate(years):
                p = by_year.get(year)
                if p:
                    cells[
                        1 + i
                    ].text = f"cible {p['target'] if p['target'] is not None else '–'} / réalisé {p['actual'] if p['actual'] is not None else '–'}"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def attendance_sheet_pdf(session: Session) -> bytes:
    # Imported here, as in fiche_pdf: only the PDF exports pay for loading WeasyPrint.
    from weasyprint import HTML

    registrations = session.registrations.filter(status=RegistrationStatus.CONFIRMEE).order_by(
        "last_name", "first_name"
    )
    html = render_to_string(
        "programme/pdf/attendance.html", {"session": session, "registrations": registrations}
    )
    return HTML(string=html).write_pdf()
