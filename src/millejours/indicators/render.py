"""A built report (``reports.ReportData``) as JSON, PDF (WeasyPrint), DOCX (python-docx)
and XLSX (openpyxl through ``lib.spreadsheet``, with native bar charts)."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

from django.template.loader import render_to_string

from millejours.lib.spreadsheet import xlsx_append

from . import charts
from .suppression import SUPPRESSED

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

MONTHS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
LEGEND = (
    f"« {SUPPRESSED} » : effectif de 1 à 4, ou valeur masquée pour qu'un petit effectif ne puisse pas "
    "être retrouvé par soustraction à partir des totaux (secret statistique secondaire)."
)
FORMATS = ("pdf", "docx", "xlsx", "json")


def key_label(report, breakdown: str, key) -> str:
    if breakdown == "month":
        return MONTHS[key - 1]
    commune = report.communes.get(key)
    return commune.name if commune else "Commune non renseignée"


def lines_of(item, breakdown: str) -> list:
    return (
        item.by_month if breakdown == "month" else item.by_commune if breakdown == "commune" else []
    )


def shown(value, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        value = f"{value:g}".replace(".", ",")
    return f"{value} {unit}".strip() if unit and value != SUPPRESSED else str(value)


def _blocks(report):
    """Per section, per indicator: the rows of its breakdown and its chart."""
    for section in report.sections:
        items = []
        for item in section.indicators:
            rows = [
                (key_label(report, section.breakdown, line.key), line)
                for line in lines_of(item, section.breakdown)
            ]
            items.append(
                {
                    "item": item,
                    "rows": rows,
                    "chart": rows
                    and charts.bars_svg(
                        [(label, line.value) for label, line in rows],
                        unit=item.unit,
                        target=item.target,
                        title=item.label,
                    ),
                }
            )
        summary = charts.bars_svg(
            [(i.label, i.total.value) for i in section.indicators if i.unit == "%"],
            unit="%",
            title=section.title,
        )
        yield {"section": section, "items": items, "summary": summary}


def to_json(report) -> bytes:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2).encode()


def to_html(report) -> str:
    return render_to_string(
        "indicators/report.html",
        {"report": report, "blocks": list(_blocks(report)), "legend": LEGEND},
    )


def to_pdf(report) -> bytes:
    from weasyprint import HTML  # heavy (Pango): loaded for a PDF only

    return HTML(string=to_html(report)).write_pdf()


def to_docx(report) -> bytes:
    from docx import Document  # heavy: loaded for a DOCX only
    from docx.shared import Cm

    doc = Document()
    doc.add_heading(f"{report.title} — {report.year}", level=0)
    doc.add_paragraph(report.intro)
    for section in report.sections:
        doc.add_heading(section.title, level=1)
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            ("Indicateur", "Valeur", "Numérateur", "Dénominateur"),
            strict=False,
        ):
            cell.text = text
        for item in section.indicators:
            cells = table.add_row().cells
            for cell, text in zip(
                cells,
                (
                    item.label,
                    shown(item.total.value, item.unit),
                    shown(item.total.numerator),
                    shown(item.total.denominator),
                ),
                strict=False,
            ):
                cell.text = text
        for item in section.indicators:
            rows = lines_of(item, section.breakdown)
            if rows:
                doc.add_paragraph(item.label, style="Heading 3")
                png = charts.bars_png(
                    [(key_label(report, section.breakdown, line.key), line.value) for line in rows],
                    unit=item.unit,
                    target=item.target,
                )
                doc.add_picture(io.BytesIO(png), width=Cm(15))
            doc.add_paragraph(
                f"Définition : {item.definition} Numérateur : {item.numerator_text}. "
                f"Dénominateur : {item.denominator_text or '—'}. Source : {item.source}"
            )
    doc.add_paragraph(LEGEND)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


_XLSX_SUMMARY_HEADER = [
    "Code",
    "Indicateur",
    "Valeur",
    "Unité",
    "Numérateur",
    "Dénominateur",
    "Définition",
    "Source",
]


def _xlsx_summary(sheet: Worksheet, report) -> None:
    """The first sheet: one row per indicator (total), then the legend."""
    sheet.title = "Indicateurs"
    xlsx_append(sheet, [f"{report.title} — {report.year}"])
    xlsx_append(sheet, _XLSX_SUMMARY_HEADER)
    for item in report.indicators():
        xlsx_append(
            sheet,
            [
                item.code,
                item.label,
                item.total.value,
                item.unit,
                item.total.numerator,
                item.total.denominator,
                item.definition,
                item.source,
            ],
        )
    xlsx_append(sheet, [])
    xlsx_append(sheet, [LEGEND])


def _xlsx_detail(detail: Worksheet, report, section) -> None:
    """A section's sheet: each indicator by its breakdown, with a bar chart beside it."""
    from openpyxl.chart import BarChart, Reference  # heavy: loaded for an XLSX only

    xlsx_append(detail, [section.title])
    for item in section.indicators:
        rows = lines_of(item, section.breakdown)
        xlsx_append(detail, [item.label, "Valeur", "Numérateur", "Dénominateur"])
        first = detail.max_row + 1
        for line in rows:
            xlsx_append(
                detail,
                [
                    key_label(report, section.breakdown, line.key),
                    line.value,
                    line.numerator,
                    line.denominator,
                ],
            )
        if rows:
            chart = BarChart()
            chart.title = item.label[:60]
            chart.add_data(Reference(detail, min_col=2, min_row=first, max_row=detail.max_row))
            chart.set_categories(
                Reference(detail, min_col=1, min_row=first, max_row=detail.max_row)
            )
            chart.legend = None
            detail.add_chart(chart, f"F{first}")
        xlsx_append(detail, [])


def to_xlsx(report) -> bytes:
    from openpyxl import Workbook  # heavy: loaded for an XLSX only

    book = Workbook()
    _xlsx_summary(book.worksheets[0], report)  # (``active`` is typed as possibly None)
    for number, section in enumerate(report.sections, start=1):
        if section.breakdown == "none":
            continue
        _xlsx_detail(book.create_sheet(f"Détail {number}"), report, section)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(report, fmt: str) -> bytes:
    return {"json": to_json, "pdf": to_pdf, "docx": to_docx, "xlsx": to_xlsx}[fmt](report)
