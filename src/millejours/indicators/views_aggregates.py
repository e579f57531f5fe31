"""Pages for the coordination and the funders (« financeur »: ARS, CPAM): the 1000-days
indicators as published (small cells suppressed), a map of rates per commune, and the
reports built in one click. Aggregates only: nothing here names a family."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from millejours.accounts.access import require_coordination_or_funder
from millejours.lib import params
from millejours.territory.models import Commune

from . import charts, reports
from . import render as rendering
from .definitions import load
from .published import publish_figures
from .snapshot import figures_for
from .years import chosen_year, year_choices

STAGES = ("grossesse", "post-partum", "accompagnement", "actions collectives")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _charts(year: int, rates: list[Any], current: Any) -> dict[str, str]:
    """The year's rates against the 70 % target, and the chosen indicator month by month."""
    return {
        "summary": charts.bars_svg(
            [(i.label, i.total.value) for i in rates],
            unit="%",
            target=70,
            title=f"Indicateurs {year}",
        ),
        "months": charts.bars_svg(
            [(rendering.MONTHS[line.key - 1], line.value) for line in current.by_month],
            unit=current.unit,
            target=current.target,
            title=current.label,
        ),
    }


def _by_commune(current: Any) -> dict[str, Any]:
    """The chosen indicator by commune: a map of the located communes, and table rows."""
    communes = Commune.objects.in_bulk(
        [line.key for line in current.by_commune if line.key is not None]
    )
    points = [
        (
            communes[line.key].name,
            communes[line.key].latitude,
            communes[line.key].longitude,
            line.value,
        )
        for line in current.by_commune
        if line.key in communes
    ]
    return {
        "map": charts.commune_map_svg(points, unit=current.unit),
        "commune_rows": [
            (
                communes[line.key].name if line.key in communes else "Commune non renseignée",
                line,
            )
            for line in current.by_commune
        ],
    }


@login_required
@params.checked
def thousand_days(request):
    require_coordination_or_funder(request.user)
    year = chosen_year(request)
    codes = [i.code for i in load("millejours").indicators]
    chosen = request.GET.get("indicateur") or "epp_couverture"
    params.choice(chosen, set(codes), label="indicateur")
    figures, computed_at = figures_for(year)
    items = [publish_figures(f) for f in figures]
    rates = [i for i in items if i.unit == "%"]
    current = next(i for i in items if i.code == chosen)
    return render(
        request,
        "indicators/thousand_days.html",
        {
            "staged": sorted(
                items, key=lambda i: STAGES.index(i.stage) if i.stage in STAGES else len(STAGES)
            ),
            "year": year,
            "items": items,
            "current": current,
            "computed_at": computed_at,
            **_by_commune(current),
            **_charts(year, rates, current),
            "reports": list(reports.templates().values()),
            "legend": rendering.LEGEND,
            "year_choices": year_choices(),
        },
    )


@login_required
@params.checked
def report(request, name, fmt):
    require_coordination_or_funder(request.user)
    params.choice(fmt, set(CONTENT_TYPES))
    if name not in reports.templates():
        raise Http404("Rapport inconnu.")
    try:
        data = reports.build(name, chosen_year(request))
    except reports.ReportError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(rendering.render(data, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="rapport-{name}-{data.year}.{fmt}"'
    return response
