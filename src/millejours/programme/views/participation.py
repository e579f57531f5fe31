"""Professionals' participation, its export and the load sharing view."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from millejours.accounts.access import CPTS_COORDINATION_ONLY, require_coordinator
from millejours.lib import params, spreadsheet

from .. import selectors, vocab
from ..forms.participation import ParticipationForm
from ..models import Participation
from ..services.participation import participation_create


@login_required
@require_http_methods(["GET", "POST"])
@params.checked
def participation_list(request: HttpRequest) -> HttpResponse:
    user = require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    form = ParticipationForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        participation_create(actor=user, **form.cleaned_data)
        messages.success(request, "La participation est enregistrée.")
        return redirect("programme:participation_list")
    year = params.year(request)
    page = Paginator(selectors.participations(year=year), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "programme/participation_list.html",
        {"form": form, "rows": page, "page": page, "year": year, "rates": vocab.hourly_rates()},
    )


EXPORT_HEADER = [
    "Date",
    "Nom",
    "Prénom",
    "Courriel",
    "Profession",
    "RPPS",
    "Fiche action",
    "Séance",
    "Rôle",
    "Heures",
    "Tarif horaire (€)",
    "Montant (€)",
    "Payée le",
]


def _export_rows(rows: Iterable[Participation]) -> Iterator[list[Any]]:
    for p in rows:
        yield [
            p.date.strftime("%d/%m/%Y"),
            p.user.last_name,
            p.user.first_name,
            p.user.email,
            p.user.get_profession_display(),
            p.user.rpps,
            p.fiche.title,
            str(p.session) if p.session else "",
            p.get_role_display(),
            p.hours,
            p.hourly_rate,
            p.amount,
            p.paid_at.strftime("%d/%m/%Y") if p.paid_at else "",
        ]


@login_required
@params.checked
def participation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    rows = selectors.participations(year=params.year(request))
    if fmt == "csv":
        body = [
            [str(v).replace(".", ",") if not isinstance(v, str) else v for v in row]
            for row in _export_rows(rows)
        ]
        response = HttpResponse(
            spreadsheet.csv_text(EXPORT_HEADER, body), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="participations.csv"'
        return response
    if fmt == "xlsx":
        cells: list[list[float | str]] = [
            [float(v) if not isinstance(v, str) else v for v in row] for row in _export_rows(rows)
        ]
        # FileResponse streams (not an HttpResponse), which params.checked's type does not allow.
        return FileResponse(  # type: ignore[return-value]
            io.BytesIO(spreadsheet.xlsx_bytes("Participations", EXPORT_HEADER, cells)),
            filename="participations.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    raise Http404("Format inconnu.")


@login_required
def load_sharing(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    return render(request, "programme/load_sharing.html", {"shares": selectors.load_sharing()})
