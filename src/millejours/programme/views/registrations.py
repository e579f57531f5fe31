"""Registration to sessions: professionals, and the public pages for parents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from millejours.accounts.access import require_professional_or_coordinator
from millejours.lib.throttle import rate_limited

from .. import selectors
from ..forms.events import RegistrationForm, SatisfactionForm
from ..models import (
    EventKind,
    RegistrationKind,
    RegistrationStatus,
    Session,
)
from ..services import registrations
from ..services.registrations import (
    CANCEL_LINK_EXPIRED,
    CANCEL_SALT,
    SATISFACTION_MAX_AGE,
    SATISFACTION_SALT,
    cancel_link_expired,
    registration_create,
    registration_from_token,
    satisfaction_submit,
)


@login_required
def pro_events(request: HttpRequest) -> HttpResponse:
    user = require_professional_or_coordinator(request.user)
    sessions = (
        Session.objects.filter(event__is_external=False, starts_at__gte=timezone.now())
        .exclude(
            event__kind__in=[
                EventKind.GROUPE_INFORMATION,
                EventKind.GROUPE_PARTAGE,
                EventKind.GROUPE_SPECIFIQUE,
            ]
        )
        .select_related("event", "commune")
        .order_by("starts_at")
    )
    mine = set(
        user.programme_registrations.exclude(status=RegistrationStatus.ANNULEE).values_list(
            "session_id", flat=True
        )
    )
    return render(request, "programme/pro_events.html", {"sessions": sessions, "mine": mine})


@login_required
@require_POST
def pro_register(request: HttpRequest, session_id: int) -> HttpResponse:
    user = require_professional_or_coordinator(request.user)
    session = get_object_or_404(Session, pk=session_id, event__is_external=False)
    try:
        reg = registration_create(
            session=session,
            first_name=user.first_name or user.email,
            last_name=user.last_name or "",
            email=user.email,
            phone=user.phone,
            kind=RegistrationKind.PROFESSIONNEL,
            user=user,
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            "Inscription confirmée."
            if reg.status == RegistrationStatus.CONFIRMEE
            else "Séance complète : vous êtes sur la liste d'attente.",
        )
    return redirect("programme:pro_events")


def public_events(request: HttpRequest) -> HttpResponse:
    sessions = selectors.public_sessions()
    return render(request, "programme/public_events.html", {"sessions": sessions})


@require_http_methods(["GET", "POST"])
@rate_limited(
    "workshop_registration", per_ip=20, per_target=5, window=3600, targets=("email", "phone")
)
def public_event_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_object_or_404(
        Session.objects.select_related("event", "commune"),
        pk=session_id,
        event__is_public=True,
        event__is_external=False,
    )
    initial = {}
    if request.user.is_authenticated:
        initial = {
            "first_name": request.user.first_name,
            "last_name": request.user.last_name,
            "email": request.user.email,
        }
    form = RegistrationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            reg = registration_create(
                session=session,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                user=request.user if request.user.is_authenticated else None,
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            return render(
                request,
                "programme/registration_done.html",
                {"registration": reg, "session": session},
            )
    return render(
        request,
        "programme/public_event_detail.html",
        {
            "session": session,
            "form": form,
            "places_left": selectors.session_places_left(session),
            "past": session.starts_at < timezone.now(),
        },
    )


@require_http_methods(["GET", "POST"])
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    reg = registration_from_token(token, salt=CANCEL_SALT)
    if reg is None:
        raise Http404("Lien d'annulation invalide.")
    if cancel_link_expired(reg):
        return render(
            request,
            "programme/registration_cancel.html",
            {"registration": reg, "expired": gettext(CANCEL_LINK_EXPIRED)},
            status=410,
        )
    if request.method == "POST" and reg.status != RegistrationStatus.ANNULEE:
        registrations.registration_cancel(registration=reg)
        reg.refresh_from_db()
        return render(
            request, "programme/registration_cancel.html", {"registration": reg, "done": True}
        )
    return render(
        request,
        "programme/registration_cancel.html",
        {"registration": reg, "done": reg.status == RegistrationStatus.ANNULEE},
    )


@require_http_methods(["GET", "POST"])
def satisfaction(request: HttpRequest, token: str) -> HttpResponse:
    reg = registration_from_token(token, salt=SATISFACTION_SALT, max_age=SATISFACTION_MAX_AGE)
    if reg is None:
        raise Http404("Lien de questionnaire invalide ou expiré.")
    form = SatisfactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        satisfaction_submit(registration=reg, **form.cleaned_data)
        return render(request, "programme/satisfaction.html", {"registration": reg, "done": True})
    return render(request, "programme/satisfaction.html", {"registration": reg, "form": form})
