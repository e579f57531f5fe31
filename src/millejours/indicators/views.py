"""The « Petits pas grands pas » indicators: dashboard (SVG chart + table) and CSV / XLSX exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from millejours.accounts.access import require_coordinator
from millejours.lib import params, spreadsheet

from .chart import BAR_X, LINE_HEIGHT, layout
from .definitions import load
from .selectors import flat_rows, petit_pas_grand_pas_table
from .snapshot import steps_table_for
from .years import chosen_year, year_choices


def _years(request) -> list[int]:
    """The chosen year and the two before (the dashboard compares three years)."""
    last = chosen_year(request)
    return [last - 2, last - 1, last]


@login_required
@params.checked
def dashboard(request):
    require_coordinator(request.user)
    years = _years(request)
    table, computed_at = steps_table_for(years)
    year = years[-1]
    chart = layout(
        [
            {
                "label": row.indicator.label,
                "value": row.values[year],
                "first_child": (row.first_child or {}).get(year),
            }
            for row in table
        ]
    )
    return render(
        request,
        "indicators/dashboard.html",
        {
            "years": years,
            "year": year,
            "table": table,
            "computed_at": computed_at,
            "bars": chart["bars"],
            "definitions": load("petit_pas_grand_pas"),
            "chart_height": chart["height"],
            "chart_width": chart["width"],
            "bar_x": BAR_X,
            "line_height": LINE_HEIGHT,
            "year_choices": year_choices(),
        },
    )


@login_required
@params.checked
def export(request, fmt):
    require_coordinator(request.user)
    params.choice(fmt, {"csv", "xlsx"})
    years = _years(request)
    funders = request.GET.get("financeurs") == "1"
    header = ["Indicateur", *[str(y) for y in years], "Source"]
    rows = flat_rows(petit_pas_grand_pas_table(years), years, funders=funders)
    suffix = "-financeurs" if funders else ""
    name = f"indicateurs-petits-pas-grands-pas-{years[-1]}{suffix}"
    if fmt == "xlsx":
        footer = [[], ["Effectifs inférieurs à 5 masqués (« < 5 »)."]] if funders else []
        response = HttpResponse(
            spreadsheet.xlsx_bytes("Indicateurs", header, rows, footer=footer),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            spreadsheet.csv_text(header, rows), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
