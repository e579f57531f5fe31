"""Pages of the directory: the parents' map (public), the professionals' search, import."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST
from pydantic import ValidationError

from millejours.accounts.access import require_coordinator, require_staff
from millejours.lib import params
from millejours.lib.errors import InvalidInput

from .edits import can_edit_service
from .exports import export_data_inclusion
from .forms import ImportForm, SearchForm
from .geocoding import get_geocoder
from .importers.reading import ImportFileError
from .models import Service, Status
from .selectors import SearchError, hit_to_dict, search_page
from .services import resources_import, service_mark_checked
from .start import Start, communes_to_draw, default_start

PAGE_SIZE = 25


def _centre(
    form: SearchForm,
    data: dict[str, Any],
    *,
    valid: bool,
    start: Start | None,
    context: dict[str, Any],
) -> tuple[float, float, str, dict[str, Any]] | None:
    """Where to search ``(lat, lon, label, data)``: the browser's position, the place typed
    (geocoded) or else ``start``; None when there is nowhere (with ``context["error"]`` set
    when the place typed is unknown)."""
    if not (valid and form.has_location()):
        if start is None:
            return None
        context["started"] = True
        data = {**data, "rayon": data.get("rayon") or start.radius_km}
        return start.latitude, start.longitude, start.label, data
    if data.get("lat") is not None and data.get("lon") is not None:
        return data["lat"], data["lon"], gettext("votre position"), data
    place = get_geocoder().geocode(data["q"])
    if place is None:
        context["error"] = gettext(
            "Lieu introuvable : « %(place)s ». Essayez le nom de la commune ou son code postal."
        ) % {"place": data["q"]}
        return None
    return place.latitude, place.longitude, place.label, data


def _pagination(request: HttpRequest, *, page: int, total: int) -> dict[str, Any] | None:
    """Links to the previous and next pages of results (None on a single page)."""
    pages = max(1, -(-total // PAGE_SIZE))
    if pages == 1:
        return None
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": page,
        "pages": pages,
        "previous": f"?{query.urlencode()}&page={page - 1}" if page > 1 else "",
        "next": f"?{query.urlencode()}&page={page + 1}" if page < pages else "",
    }


def _refused_text(request: HttpRequest, *, private: bool, message: str) -> dict[str, Any]:
    """The page's context when the place typed is refused: the form without it."""
    data = request.GET.copy()
    data.pop("q")
    return {
        "form": SearchForm(data, private=private),
        "private": private,
        "hits": None,
        "centre": None,
        "error": message,
    }


def _run_search(
    request: HttpRequest, *, private: bool, start: Start | None = None
) -> dict[str, Any]:
    """The search of the page; without a place given, ``start`` (her commune, the territory)."""
    try:
        params.search_text(request)
    except InvalidInput as exc:  # neither geocoded nor echoed back in the form
        return _refused_text(request, private=private, message=exc.message)
    form = SearchForm(request.GET or None, private=private)
    context = {
        "form": form,
        "private": private,
        "hits": None,
        "centre": None,
        "error": "",
        "started": False,
    }
    valid = form.is_bound and form.is_valid()
    if form.is_bound and not valid:
        return context
    data = form.cleaned_data if valid else {}
    centre = _centre(form, data, valid=valid, start=start, context=context)
    if centre is None:
        return context
    lat, lon, label, data = centre
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    try:
        total, hits = search_page(
            latitude=lat,
            longitude=lon,
            radius_km=data.get("rayon") or 10.0,
            theme=data.get("theme") or None,
            typologie=data.get("type") or None,
            public=data.get("public") or None,
            open_now=bool(data.get("ouvert")),
            published_only=not private,
            page_size=PAGE_SIZE,
            page=max(1, page),
        )
    except SearchError as exc:
        context["error"] = str(exc)
        return context
    context.update(
        hits=hits,
        total=total,
        centre={"latitude": lat, "longitude": lon, "label": label},
        radius_used=data.get("rayon") or 10.0,
    )
    pagination = _pagination(request, page=page, total=total)
    if pagination:
        context["pagination"] = pagination
    return context


def _map_context(
    request: HttpRequest, url_name: str, context: dict[str, Any] | None = None
) -> dict[str, Any]:
    query = request.GET.copy()
    if context and context.get(
        "started"
    ):  # the markers of the opening search (her commune, the territory)
        centre = context["centre"]
        query.update(
            {
                "lat": f"{centre['latitude']:.5f}",
                "lon": f"{centre['longitude']:.5f}",
                "rayon": str(int(context["radius_used"])),
            }
        )
    return {
        "markers_url": reverse(url_name) + ("?" + query.urlencode() if query else ""),
        "territory_communes": communes_to_draw(),
        "tiles_url": getattr(settings, "MILLEJOURS_MAP_TILES_URL", ""),
        "tiles_attribution": getattr(settings, "MILLEJOURS_MAP_TILES_ATTRIBUTION", ""),
    }


@require_GET
def public_search(request: HttpRequest) -> HttpResponse:
    start = None if ("q" in request.GET or "lat" in request.GET) else default_start(request.user)
    context = _run_search(request, private=False, start=start)
    context.update(
        _map_context(request, "directory:public_markers", context),
        detail_url="directory:public_detail",
    )
    return render(request, "directory/search.html", context)


@login_required
@require_GET
def pro_search(request: HttpRequest) -> HttpResponse:
    require_staff(request.user)
    context = _run_search(request, private=True)
    context.update(
        _map_context(request, "directory:pro_markers"), detail_url="directory:pro_detail"
    )
    return render(request, "directory/search.html", context)


def _markers(request: HttpRequest, *, private: bool, detail_url: str) -> HttpResponse:
    context = _run_search(request, private=private)
    hits = context["hits"] or []
    return JsonResponse(
        {
            "centre": context["centre"],
            "error": context["error"],
            "results": [
                {
                    **hit_to_dict(hit, private=private),
                    "url": reverse(detail_url, args=[hit.service.pk]),
                }
                for hit in hits
            ],
        }
    )


@require_GET
def public_markers(request: HttpRequest) -> HttpResponse:
    return _markers(request, private=False, detail_url="directory:public_detail")


@login_required
@require_GET
def pro_markers(request: HttpRequest) -> HttpResponse:
    require_staff(request.user)
    return _markers(request, private=True, detail_url="directory:pro_detail")


@require_GET
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(
        Service.objects.select_related("structure", "commune"), pk=pk, status=Status.PUBLISHED
    )
    return render(request, "directory/detail.html", {"service": service, "private": False})


@login_required
@require_GET
def pro_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_staff(request.user)
    service = get_object_or_404(
        Service.objects.select_related("structure", "commune", "structure__organisation").exclude(
            status=Status.ARCHIVED
        ),
        pk=pk,
    )
    return render(
        request,
        "directory/detail.html",
        {"service": service, "private": True, "can_edit": can_edit_service(request.user, service)},
    )


@login_required
@require_POST
def mark_checked(request: HttpRequest, pk: int) -> HttpResponse:
    service = service_or_404(pk)
    service_mark_checked(service=service, by=request.user)
    messages.success(request, "Fiche marquée comme vérifiée aujourd'hui.")
    return redirect("directory:pro_detail", pk=service.pk)


@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    user = require_coordinator(request.user, None)
    report = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / (Path(upload.name).stem[:80] + suffix)
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                report = resources_import(
                    path=path, source=form.cleaned_data["source"] or None, actor=user
                )
            except ImportFileError as exc:
                form.add_error("file", str(exc))
        if report is not None:
            messages.success(
                request,
                f"{report['created']} service(s) créé(s), {report['updated']} mis à jour, "
                f"{len(report['rejected'])} ligne(s) rejetée(s).",
            )
    return render(request, "directory/import.html", {"form": form, "report": report})


@login_required
@require_GET
def export_view(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user, None)
    warnings: list[str] = []
    try:
        data = export_data_inclusion(warnings=warnings)
    except ValidationError as exc:
        return HttpResponse(
            f"Export impossible : une fiche ne respecte pas le schéma data·inclusion ({exc.error_count()} erreur(s)).",
            status=422,
            content_type="text/plain; charset=utf-8",
        )
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="annuaire-data-inclusion.json"'
    response["X-Millejours-Avertissements"] = str(len(warnings))
    return response


def service_or_404(pk: int | str) -> Service:
    try:
        return Service.objects.select_related("structure").get(pk=pk)
    except (Service.DoesNotExist, ValueError):
        raise Http404("Service introuvable.") from None
