"""Pages of the directory: the parents' map (public), the professionals' search, import."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from millejours.accounts.access import require_coordinator, require_staff
from millejours.accounts.models import Role
from millejours.lib import params
from millejours.lib.errors import InvalidInput

from .forms import ImportForm, SearchForm
from .geocoding import get_geocoder
from .models import Service, Status
from .selectors import SearchError, hit_to_dict, search_page
from .start import Start, communes_to_draw, default_start

PAGE_SIZE = 25


def _run_search(request, *, private: bool, start: Start | None = None) -> dict:
    """The search of the page; without a place given, ``start`` (her commune, the territory)."""
    try:
        params.search_text(request)
    except InvalidInput as exc:  # neither geocoded nor echoed back in the form
        data = request.GET.copy()
        data.pop("q")
        return {
            "form": SearchForm(data, private=private),
            "private": private,
            "hits": None,
            "centre": None,
            "error": exc.message,
        }
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
    if not (valid and form.has_location()):
        if start is None:
            return context
        lat, lon, label = start.latitude, start.longitude, start.label
        data = {**data, "rayon": data.get("rayon") or start.radius_km}
        context["started"] = True
    elif data.get("lat") is not None and data.get("lon") is not None:
        lat, lon, label = data["lat"], data["lon"], "votre position"
    else:
        place = get_geocoder().geocode(data["q"])
        if place is None:
            context["error"] = (
                f"Lieu introuvable : « {data['q']} ». Essayez le nom de la commune ou son code postal."
            )
            return context
        lat, lon, label = place.latitude, place.longitude, place.label
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
    pages = max(1, -(-total // PAGE_SIZE))
    if pages > 1:
        query = request.GET.copy()
        query.pop("page", None)
        context["pagination"] = {
            "page": page,
            "pages": pages,
            "previous": f"?{query.urlencode()}&page={page - 1}" if page > 1 else "",
            "next": f"?{query.urlencode()}&page={page + 1}" if page < pages else "",
        }
    return context


def _map_context(request, url_name: str, context: dict | None = None) -> dict:
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
def public_search(request):
    start = None if ("q" in request.GET or "lat" in request.GET) else default_start(request.user)
    context = _run_search(request, private=False, start=start)
    context.update(
        _map_context(request, "directory:public_markers", context),
        detail_url="directory:public_detail",
    )
    return render(request, "directory/search.html", context)


@login_required
@require_GET
def pro_search(request):
    require_staff(request.user)
    context = _run_search(request, private=True)
    context.update(
        _map_context(request, "directory:pro_markers"), detail_url="directory:pro_detail"
    )
    return render(request, "directory/search.html", context)


def _markers(request, *, private: bool, detail_url: str):
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
def public_markers(request):
    return _markers(request, private=False, detail_url="directory:public_detail")


@login_required
@require_GET
def pro_markers(request):
    require_staff(request.user)
    return _markers(request, private=True, detail_url="directory:pro_detail")


@require_GET
def public_detail(request, pk: int):
    service = get_object_or_404(
        Service.objects.select_related("structure", "commune"), pk=pk, status=Status.PUBLISHED
    )
    return render(request, "directory/detail.html", {"service": service, "private": False})


@login_required
@require_GET
def pro_detail(request, pk: int):
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


def can_edit_service(user, service: Service) -> bool:
    """Coordinators, admins and the partners of the organisation running the structure."""
    if user.is_superuser or user.role in {Role.COORDINATOR, Role.ADMIN}:
        return True
    organisation_id = service.structure.organisation_id
    return bool(
        user.role == Role.PARTNER
        and organisation_id
        and user.memberships.filter(organisation_id=organisation_id).exists()
    )


@login_required
@require_POST
def mark_checked(request, pk: int):
    from .services import service_mark_checked

    service = service_or_404(pk)
    if not can_edit_service(request.user, service):
        raise PermissionDenied
    service_mark_checked(service=service, by=request.user)
    messages.success(request, "Fiche marquée comme vérifiée aujourd'hui.")
    return redirect("directory:pro_detail", pk=service.pk)


@login_required
def import_view(request):
    require_coordinator(request.user, None)
    from .importers import ImportFileError
    from .services import resources_import

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
                    path=path, source=form.cleaned_data["source"] or None, actor=request.user
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
def export_view(request):
    require_coordinator(request.user, None)
    from pydantic import ValidationError

    from .exports import export_data_inclusion

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


def service_or_404(pk) -> Service:
    try:
        return Service.objects.select_related("structure").get(pk=pk)
    except (Service.DoesNotExist, ValueError):
        raise Http404("Service introuvable.") from None
