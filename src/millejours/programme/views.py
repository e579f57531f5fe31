"""Views of the programme: thin, each starting with its access helper."""

from __future__ import annotations

import io
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from millejours.lib import params, safejson, spreadsheet
from millejours.lib.errors import InvalidInput
from millejours.lib.throttle import rate_limited

from . import documents, selectors, services, vocab
from .forms import (
    FICHE_FORMSETS,
    AgendaImportForm,
    CatalogueFilterForm,
    EventForm,
    ExternalActionForm,
    FicheForm,
    FicheImportForm,
    IndicatorValueForm,
    ParticipationForm,
    PartnerForm,
    RegistrationForm,
    SatisfactionForm,
    SessionForm,
)
from .models import (
    Event,
    EventKind,
    Fiche,
    FicheState,
    IndicatorValue,
    Partner,
    RegistrationKind,
    RegistrationStatus,
    Session,
)


def _coordinator(request):
    """Only the CPTS coordination (and administrators) manage the programme."""
    user = request.user
    if not (user.is_coordinator or user.is_platform_admin):
        raise PermissionDenied("Réservé à la coordination de la CPTS.")
    return user


def _professional(request):
    user = request.user
    if not (user.is_professional or user.is_coordinator):
        raise PermissionDenied("Réservé aux professionnels.")
    return user


# --- Fiches -------------------------------------------------------------------------------------


@login_required
def fiche_list(request):
    _coordinator(request)
    form = CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    fiches = selectors.fiche_catalogue(**{k: v for k, v in filters.items() if v})
    return render(
        request, "programme/fiche_list.html", {"form": form, "fiches": fiches, "public": False}
    )


def catalogue(request):
    """The shareable catalogue: every fiche past the idea stage, without login."""
    form = CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    fiches = selectors.fiche_catalogue(**{k: v for k, v in filters.items() if v}).exclude(
        state=FicheState.IDEE
    )
    return render(
        request, "programme/fiche_list.html", {"form": form, "fiches": fiches, "public": True}
    )


def _shared_fiche(fiche_id):
    fiche = get_object_or_404(Fiche.objects.exclude(state=FicheState.IDEE), pk=fiche_id)
    return fiche


def catalogue_export(request, fiche_id, fmt):
    fiche = _shared_fiche(fiche_id)
    return _export_response(fiche, fmt)


@login_required
def fiche_detail(request, fiche_id):
    _coordinator(request)
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


def _build_formsets(request, fiche, add_prefix=""):
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


def _save_formsets(formsets, fiche):
    for entry in formsets:
        fs = entry["formset"]
        position = 0
        for form in fs.forms:
            if form.instance.pk is None and not form.has_changed():
                continue
            if fs._should_delete_form(form):
                if form.instance.pk:
                    form.instance.delete()
                continue
            obj = form.save(commit=False)
            obj.fiche = fiche
            if hasattr(obj, "position"):
                obj.position = position
                position += 1
            obj.save()


@login_required
@require_http_methods(["GET", "POST"])
def fiche_edit(request, fiche_id=None):
    user = _coordinator(request)
    fiche = get_object_or_404(Fiche, pk=fiche_id) if fiche_id else Fiche()
    created = fiche.pk is None
    add_prefix = request.POST.get("add_row", "") if request.method == "POST" else ""
    form = FicheForm(request.POST or None, instance=fiche)
    formsets = _build_formsets(request, fiche, add_prefix)
    if request.method == "POST" and not add_prefix:
        if form.is_valid() and all(entry["formset"].is_valid() for entry in formsets):
            with transaction.atomic():
                fiche = form.save(commit=False)
                services.fiche_save(
                    fiche=fiche,
                    actor=user,
                    call_objectives=form.cleaned_data["call_objectives"],
                    created=created,
                )
                _save_formsets(formsets, fiche)
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


def _export_response(fiche, fmt):
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
def fiche_export(request, fiche_id, fmt):
    _coordinator(request)
    return _export_response(get_object_or_404(Fiche, pk=fiche_id), fmt)


@login_required
@require_http_methods(["GET", "POST"])
def fiche_import(request):
    user = _coordinator(request)
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
                fiche = services.fiche_import(payload=payload, actor=user, origin=upload.name)
            except services.FicheDataError as exc:
                errors = exc.errors
            else:
                messages.success(request, "La fiche est importée.")
                return redirect("programme:fiche_detail", fiche.pk)
    return render(request, "programme/fiche_import.html", {"form": form, "errors": errors})


@login_required
@require_http_methods(["GET", "POST"])
def fiche_indicators(request, fiche_id):
    user = _coordinator(request)
    fiche = get_object_or_404(Fiche, pk=fiche_id)
    from django.forms import modelformset_factory

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
            with transaction.atomic():
                formset.save()
                services.fiche_save(fiche=fiche, actor=user)
            messages.success(request, "Les cibles et valeurs sont enregistrées.")
            return redirect("programme:fiche_detail", fiche.pk)
        messages.error(request, "Rien n'est enregistré : corrigez les erreurs signalées.")
    return render(request, "programme/fiche_indicators.html", {"fiche": fiche, "formset": formset})


# --- Partners -----------------------------------------------------------------------------------


@login_required
def partner_list(request):
    _coordinator(request)
    partners = Partner.objects.prefetch_related("fiche_links__fiche").order_by("name")
    return render(request, "programme/partner_list.html", {"partners": partners})


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request, partner_id=None):
    user = _coordinator(request)
    partner = get_object_or_404(Partner, pk=partner_id) if partner_id else Partner()
    form = PartnerForm(request.POST or None, request.FILES or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            partner = form.save()
            from millejours.audit.services import record_event

            record_event(actor=user, action="programme.partenaire", obj=partner)
        messages.success(request, "Le partenaire est enregistré.")
        return redirect("programme:partner_list")
    return render(
        request,
        "programme/simple_form.html",
        {"form": form, "title": "Partenaire", "multipart": True},
    )


# --- Events and sessions ------------------------------------------------------------------------


@login_required
def event_list(request):
    _coordinator(request)
    events = (
        Event.objects.filter(is_external=False)
        .select_related("fiche")
        .prefetch_related("sessions__commune")
        .order_by("title")
    )
    return render(request, "programme/event_list.html", {"events": events})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, event_id=None):
    user = _coordinator(request)
    event = get_object_or_404(Event, pk=event_id, is_external=False) if event_id else Event()
    form = EventForm(
        request.POST or None, instance=event, initial={"fiche": request.GET.get("fiche")}
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            event = form.save()
            from millejours.audit.services import record_event

            record_event(actor=user, action="programme.evenement", obj=event)
        messages.success(request, "L'événement est enregistré.")
        return redirect("programme:event_detail", event.pk)
    return render(request, "programme/simple_form.html", {"form": form, "title": "Événement"})


@login_required
def event_detail(request, event_id):
    _coordinator(request)
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


def _session_overlaps(event, data_starts, commune, session_id=None):
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
def session_edit(request, event_id, session_id=None):
    user = _coordinator(request)
    event = get_object_or_404(Event, pk=event_id)
    session = (
        get_object_or_404(Session, pk=session_id, event=event)
        if session_id
        else Session(event=event)
    )
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
            with transaction.atomic():
                session = form.save()
                from millejours.audit.services import record_event

                record_event(
                    actor=user,
                    action="programme.seance",
                    obj=session,
                    details={"chevauchements": len(overlaps)},
                )
            messages.success(request, "La séance est enregistrée.")
            return redirect("programme:event_detail", event.pk)
    return render(
        request,
        "programme/session_form.html",
        {"form": form, "event": event, "overlaps": overlaps, "twins": twins, "session": session},
    )


@login_required
@require_POST
def session_overlap_check(request, event_id):
    """htmx: the overlap warning shown next to the session form while it is filled in."""
    _coordinator(request)
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
def session_attendance_sheet(request, session_id):
    _coordinator(request)
    session = get_object_or_404(Session.objects.select_related("event", "commune"), pk=session_id)
    return FileResponse(
        io.BytesIO(documents.attendance_sheet_pdf(session)),
        filename=f"emargement-seance-{session.pk}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_attendance(request, session_id):
    user = _coordinator(request)
    session = get_object_or_404(Session.objects.select_related("event", "commune"), pk=session_id)
    registrations = session.registrations.filter(status=RegistrationStatus.CONFIRMEE).order_by(
        "last_name", "first_name"
    )
    if request.method == "POST":
        present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
        services.attendance_record(session=session, present_ids=present, actor=user)
        messages.success(request, "Les présences sont enregistrées.")
        return redirect("programme:event_detail", session.event_id)
    return render(
        request, "programme/attendance.html", {"session": session, "registrations": registrations}
    )


# --- Professionals' registration ------------------------------------------------------------------


@login_required
def pro_events(request):
    user = _professional(request)
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
def pro_register(request, session_id):
    user = _professional(request)
    session = get_object_or_404(Session, pk=session_id, event__is_external=False)
    try:
        reg = services.registration_create(
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


# --- Public pages (parents) -----------------------------------------------------------------------


def public_events(request):
    sessions = selectors.public_sessions()
    return render(request, "programme/public_events.html", {"sessions": sessions})


@require_http_methods(["GET", "POST"])
@rate_limited(
    "workshop_registration", per_ip=20, per_target=5, window=3600, targets=("email", "phone")
)
def public_event_detail(request, session_id):
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
            reg = services.registration_create(
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
def registration_cancel(request, token):
    reg = services.registration_from_token(token, salt=services.CANCEL_SALT)
    if reg is None:
        raise Http404("Lien d'annulation invalide.")
    if services.cancel_link_expired(reg):
        return render(
            request,
            "programme/registration_cancel.html",
            {"registration": reg, "expired": services.CANCEL_LINK_EXPIRED},
            status=410,
        )
    if request.method == "POST" and reg.status != RegistrationStatus.ANNULEE:
        services.registration_cancel(registration=reg)
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
def satisfaction(request, token):
    reg = services.registration_from_token(
        token, salt=services.SATISFACTION_SALT, max_age=services.SATISFACTION_MAX_AGE
    )
    if reg is None:
        raise Http404("Lien de questionnaire invalide ou expiré.")
    form = SatisfactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.satisfaction_submit(registration=reg, **form.cleaned_data)
        return render(request, "programme/satisfaction.html", {"registration": reg, "done": True})
    return render(request, "programme/satisfaction.html", {"registration": reg, "form": form})


# --- Participation ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@params.checked
def participation_list(request):
    user = _coordinator(request)
    form = ParticipationForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.participation_create(actor=user, **form.cleaned_data)
        messages.success(request, "La participation est enregistrée.")
        return redirect("programme:participation_list")
    year = params.year(request)
    from django.core.paginator import Paginator

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


def _export_rows(rows):
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
def participation_export(request, fmt):
    _coordinator(request)
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
        body = [
            [float(v) if not isinstance(v, str) else v for v in row] for row in _export_rows(rows)
        ]
        return FileResponse(
            io.BytesIO(spreadsheet.xlsx_bytes("Participations", EXPORT_HEADER, body)),
            filename="participations.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    raise Http404("Format inconnu.")


@login_required
def load_sharing(request):
    _coordinator(request)
    return render(request, "programme/load_sharing.html", {"shares": selectors.load_sharing()})


# --- Shared agenda ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def agenda(request):
    user = _coordinator(request)
    theme = request.GET.get("theme", "")
    form = ExternalActionForm(request.POST or None, prefix="ext")
    import_form = AgendaImportForm(prefix="imp")
    if request.method == "POST" and request.POST.get("which") == "import":
        import_form = AgendaImportForm(request.POST, request.FILES, prefix="imp")
        form = ExternalActionForm(prefix="ext")
        if import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            raw = upload.read()
            if upload.name.lower().endswith(".ics"):
                result = services.agenda_import_ical(
                    content=raw,
                    actor=user,
                    theme=import_form.cleaned_data["theme"],
                    organiser=import_form.cleaned_data["organiser"],
                )
            else:
                try:
                    text = raw.decode("utf-8-sig")
                except UnicodeDecodeError:
                    text = raw.decode("latin-1")
                result = services.agenda_import_csv(
                    content=text, actor=user, default_theme=import_form.cleaned_data["theme"]
                )
            for error in result.errors[:20]:
                messages.warning(request, error)
            messages.success(
                request, f"{result.created} action(s) importée(s), {result.updated} mise(s) à jour."
            )
            return redirect("programme:agenda")
    elif request.method == "POST" and form.is_valid():
        with transaction.atomic():
            event = form.save(commit=False)
            event.is_external = True
            event.save()
            commune = form.cleaned_data.get("commune")
            if commune:
                event.communes.add(commune)
            Session.objects.create(
                event=event,
                starts_at=form.cleaned_data["starts_at"],
                commune=commune,
                place=form.cleaned_data["place"],
            )
            from millejours.audit.services import record_event

            record_event(actor=user, action="programme.agenda_action", obj=event)
        messages.success(request, "L'action est ajoutée à l'agenda partagé.")
        return redirect("programme:agenda")
    sessions = list(selectors.agenda(theme=theme))
    flagged = selectors.agenda_overlaps(sessions)
    return render(
        request,
        "programme/agenda.html",
        {
            "sessions": sessions,
            "flagged": flagged,
            "form": form,
            "import_form": import_form,
            "themes": vocab.theme_choices(),
            "theme": theme,
        },
    )
