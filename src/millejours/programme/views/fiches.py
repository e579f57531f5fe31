"""Fiches action: list, regional catalogue, edit, import, export and indicators."""

from __future__ import annotations

import io
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import modelformset_factory
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from millejours.accounts.access import CPTS_COORDINATION_ONLY, require_coordinator
from millejours.lib import safejson
from millejours.lib.errors import InvalidInput
from millejours.lib.shortcuts import get_or_new

from .. import documents, selectors
from ..forms.fiches import (
    FICHE_FORMSETS,
    CatalogueFilterForm,
    FicheForm,
    FicheImportForm,
    IndicatorValueForm,
)
from ..models import Fiche, FicheState, IndicatorValue
from ..services import fiches as fiche_services
from ..services.fiche_document import FicheDataError


@login_required
def fiche_list(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    form = CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    fiches = selectors.fiche_catalogue(**{k: v for k, v in filters.items() if v})
    return render(
        request, "programme/fiche_list.html", {"form": form, "fiches": fiches, "public": False}
    )


def catalogue(request: HttpRequest) -> HttpResponse:
    """The shareable catalogue: every fiche past the idea stage, without login."""
    form = CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    fiches = selectors.fiche_catalogue(**{k: v for k, v in filters.items() if v}).exclude(
        state=FicheState.IDEE
    )
    return render(
        request, "programme/fiche_list.html", {"form": form, "fiches": fiches, "public": True}
    )


def _shared_fiche(fiche_id: int) -> Fiche:
    fiche = get_object_or_404(Fiche.objects.exclude(state=FicheState.IDEE), pk=fiche_id)
    return fiche


def catalogue_export(request: HttpRequest, fiche_id: int, fmt: str) -> HttpResponseBase:
    fiche = _shared_fiche(fiche_id)
    return _export_response(fiche, fmt)


@login_required
def fiche_detail(request: HttpRequest, fiche_id: int) -> HttpResponse:
    require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    try:
        fiche = selectors.fiche_full(fiche_id)
    except Fiche.DoesNotExist:
        raise Http404("Fiche introuvable.") from None
    rows = selectors.indicator_rows(fiche)
    charts = [(row, selectors.indicator_chart(row)) for row in rows]
    return render(
        request,
        "programme/fiche_detail.html",
        {
            "fiche": fiche,
            "sections": [
                (t, b, isinstance(b, list)) for t, b in documents.fiche_sections(fiche) if b
            ],
            "budget": selectors.budget_table(fiche),
            "charts": charts,
        },
    )


def _build_formsets(
    request: HttpRequest, fiche: Fiche, add_prefix: str = ""
) -> list[dict[str, Any]]:
    """The fiche's list formsets; ``add_prefix`` adds one empty row (no-JS and htmx)."""
    formsets = []
    for prefix, (cls, title, add_label) in FICHE_FORMSETS.items():
        if request.method == "POST":
            data = request.POST.copy()
            if prefix == add_prefix:
                key = f"{prefix}-TOTAL_FORMS"
                data[key] = str(int(data.get(key, 0) or 0) + 1)
            fs = cls(data, instance=fiche, prefix=prefix)
        else:
            fs = cls(instance=fiche, prefix=prefix)
            if fiche.pk is None and prefix in ("objectives", "actions"):
                fs.extra = 1
        formsets.append({"prefix": prefix, "title": title, "add_label": add_label, "formset": fs})
    return formsets


@login_required
@require_http_methods(["GET", "POST"])
def fiche_edit(request: HttpRequest, fiche_id: int | None = None) -> HttpResponse:
    user = require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    fiche = get_or_new(Fiche, fiche_id)
    created = fiche.pk is None
    add_prefix = request.POST.get("add_row", "") if request.method == "POST" else ""
    form = FicheForm(request.POST or None, instance=fiche)
    formsets = _build_formsets(request, fiche, add_prefix)
    if request.method == "POST" and not add_prefix:
        if form.is_valid() and all(entry["formset"].is_valid() for entry in formsets):
            fiche = fiche_services.fiche_save(
                fiche=form.save(commit=False),
                actor=user,
                call_objectives=form.cleaned_data["call_objectives"],
                created=created,
                sections=[entry["formset"] for entry in formsets],
            )
            messages.success(request, "La fiche action est enregistrée.")
            return redirect("programme:fiche_detail", fiche.pk)
        messages.error(request, "La fiche n'est pas enregistrée : corrigez les erreurs signalées.")
    return render(
        request,
        "programme/fiche_form.html",
        {
            "form": form,
            "formsets": formsets,
            "fiche": fiche if fiche.pk else None,
            "focus": add_prefix,
        },
    )


def _export_response(fiche: Fiche, fmt: str) -> HttpResponseBase:
    slug = f"fiche-action-{fiche.pk}"
    if fmt == "json":
        response = HttpResponse(
            documents.fiche_json(fiche.pk), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{slug}.json"'
        return response
    if fmt == "pdf":
        return FileResponse(
            io.BytesIO(documents.fiche_pdf(fiche.pk)),
            filename=f"{slug}.pdf",
            content_type="application/pdf",
        )
    if fmt == "docx":
        return FileResponse(
            io.BytesIO(documents.fiche_docx(fiche.pk)),
            filename=f"{slug}.docx",
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    raise Http404("Format inconnu.")


@login_required
def fiche_export(request: HttpRequest, fiche_id: int, fmt: str) -> HttpResponseBase:
    require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    return _export_response(get_object_or_404(Fiche, pk=fiche_id), fmt)


@login_required
@require_http_methods(["GET", "POST"])
def fiche_import(request: HttpRequest) -> HttpResponse:
    user = require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    form = FicheImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            payload = safejson.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            errors = ["Le fichier n'est pas un document JSON valide (encodage UTF-8 attendu)."]
        except InvalidInput as exc:
            errors = [exc.message]
        else:
            try:
                fiche = fiche_services.fiche_import(payload=payload, actor=user, origin=upload.name)
            except FicheDataError as exc:
                errors = exc.errors
            else:
                messages.success(request, "La fiche est importée.")
                return redirect("programme:fiche_detail", fiche.pk)
    return render(request, "programme/fiche_import.html", {"form": form, "errors": errors})


@login_required
@require_http_methods(["GET", "POST"])
def fiche_indicators(request: HttpRequest, fiche_id: int) -> HttpResponse:
    user = require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    fiche = get_object_or_404(Fiche, pk=fiche_id)
    formset_cls = modelformset_factory(
        IndicatorValue, form=IndicatorValueForm, extra=2, can_delete=True
    )
    qs = (
        IndicatorValue.objects.filter(indicator__fiche=fiche)
        .select_related("indicator")
        .order_by("indicator__position", "year")
    )
    formset = formset_cls(
        request.POST or None, queryset=qs, form_kwargs={"fiche": fiche}, prefix="values"
    )
    if request.method == "POST":
        if formset.is_valid():
            fiche_services.fiche_indicators_save(fiche=fiche, actor=user, values=formset)
            messages.success(request, "Les cibles et valeurs sont enregistrées.")
            return redirect("programme:fiche_detail", fiche.pk)
        messages.error(request, "Rien n'est enregistré : corrigez les erreurs signalées.")
    return render(request, "programme/fiche_indicators.html", {"fiche": fiche, "formset": formset})
