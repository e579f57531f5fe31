"""Events and their sessions, attendance sheets."""

from __future__ import annotations

import io
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Avg, Count
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from millejours.accounts.access import CPTS_COORDINATION_ONLY, require_coordinator
from millejours.lib.shortcuts import get_or_new
from millejours.territory.models import Commune

from .. import documents, selectors
from ..forms.events import EventForm, SessionForm
from ..models import Event, RegistrationStatus, Session
from ..services.events import event_save, session_save
from ..services.registrations import attendance_record


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    events = (
        Event.objects.filter(is_external=False)
        .select_related("fiche")
        .prefetch_related("sessions__commune")
        .order_by("title")
    )
    return render(request, "programme/event_list.html", {"events": events})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, event_id: int | None = None) -> HttpResponse:
    user = require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    event = get_or_new(Event, event_id, is_external=False)
    form = EventForm(
        request.POST or None, instance=event, initial={"fiche": request.GET.get("fiche")}
    )
    if request.method == "POST" and form.is_valid():
        event = event_save(form=form, actor=user)
        messages.success(request, "L'événement est enregistré.")
        return redirect("programme:event_detail", event.pk)
    return render(request, "programme/simple_form.html", {"form": form, "title": "Événement"})


@login_required
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    event = get_object_or_404(
        Event.objects.select_related("fiche").prefetch_related("communes"), pk=event_id
    )
    sessions = (
        event.sessions.select_related("commune")
        .prefetch_related("registrations", "speakers")
        .annotate(
            avg_rating=Avg("registrations__satisfaction__rating"),
            answers=Count("registrations__satisfaction"),
        )
        .order_by("starts_at", "pk")  # Meta.ordering is dropped by an aggregate (GROUP BY)
    )
    return render(request, "programme/event_detail.html", {"event": event, "sessions": sessions})


def _session_overlaps(
    event: Event,
    data_starts: datetime,
    commune: Commune | None,
    session_id: int | str | None = None,
) -> list[Session]:
    commune_ids = set(event.communes.values_list("pk", flat=True)) if event.pk else set()
    if commune is not None:
        commune_ids.add(commune.pk)
    return selectors.overlapping_sessions(
        theme=event.theme,
        starts_at=data_starts,
        commune_ids=commune_ids,
        exclude_event_id=event.pk,
        exclude_session_id=session_id,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(
    request: HttpRequest, event_id: int, session_id: int | None = None
) -> HttpResponse:
    user = require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    event = get_object_or_404(Event, pk=event_id)
    session = get_or_new(Session, session_id, event=event)
    form = SessionForm(request.POST or None, instance=session)
    overlaps, twins = [], []
    if request.method == "POST" and form.is_valid():
        overlaps = _session_overlaps(
            event, form.cleaned_data["starts_at"], form.cleaned_data.get("commune"), session.pk
        )
        twins = list(
            event.sessions.filter(starts_at=form.cleaned_data["starts_at"]).exclude(pk=session.pk)
        )
        if twins and not request.POST.get("confirm_twin"):
            messages.warning(
                request,
                "Une séance identique existe déjà (même événement, même date et même heure) : "
                "vérifiez puis confirmez si vous voulez vraiment une seconde séance.",
            )
        elif overlaps and not request.POST.get("confirm_overlap"):
            messages.warning(request, "Une action proche existe : vérifiez puis confirmez.")
        else:
            session = session_save(form=form, actor=user, overlaps=len(overlaps))
            messages.success(request, "La séance est enregistrée.")
            return redirect("programme:event_detail", event.pk)
    return render(
        request,
        "programme/session_form.html",
        {"form": form, "event": event, "overlaps": overlaps, "twins": twins, "session": session},
    )


@login_required
@require_POST
def session_overlap_check(request: HttpRequest, event_id: int) -> HttpResponse:
    """htmx: the overlap warning shown next to the session form while it is filled in."""
    require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    event = get_object_or_404(Event, pk=event_id)
    form = SessionForm(request.POST)
    form.is_valid()
    starts = form.cleaned_data.get("starts_at") if hasattr(form, "cleaned_data") else None
    overlaps = (
        _session_overlaps(
            event, starts, form.cleaned_data.get("commune"), request.POST.get("session_id") or None
        )
        if starts
        else []
    )
    return render(request, "programme/partials/overlaps.html", {"overlaps": overlaps})


@login_required
def session_attendance_sheet(request: HttpRequest, session_id: int) -> HttpResponseBase:
    require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    session = get_object_or_404(Session.objects.select_related("event", "commune"), pk=session_id)
    return FileResponse(
        io.BytesIO(documents.attendance_sheet_pdf(session)),
        filename=f"emargement-seance-{session.pk}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    user = require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    session = get_object_or_404(Session.objects.select_related("event", "commune"), pk=session_id)
    registrations = session.registrations.filter(status=RegistrationStatus.CONFIRMEE).order_by(
        "last_name", "first_name"
    )
    if request.method == "POST":
        present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
        attendance_record(session=session, present_ids=present, actor=user)
        messages.success(request, "Les présences sont enregistrées.")
        return redirect("programme:event_detail", session.event_id)
    return render(
        request, "programme/attendance.html", {"session": session, "registrations": registrations}
    )
