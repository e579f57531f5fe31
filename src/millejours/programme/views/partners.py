"""Partners and the shared agenda of actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from millejours.accounts.access import CPTS_COORDINATION_ONLY, require_coordinator
from millejours.accounts.models import User
from millejours.lib.shortcuts import get_or_new

from .. import selectors, vocab
from ..forms.events import ExternalActionForm
from ..forms.participation import AgendaImportForm
from ..forms.partners import PartnerForm
from ..models import Partner
from ..services.agenda_import import agenda_import_csv, agenda_import_ical, external_action_save
from ..services.events import partner_save


@login_required
def partner_list(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    partners = Partner.objects.prefetch_related("fiche_links__fiche").order_by("name")
    return render(request, "programme/partner_list.html", {"partners": partners})


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, partner_id: int | None = None) -> HttpResponse:
    user = require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    partner = get_or_new(Partner, partner_id)
    form = PartnerForm(request.POST or None, request.FILES or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        partner_save(form=form, actor=user)
        messages.success(request, "Le partenaire est enregistré.")
        return redirect("programme:partner_list")
    return render(
        request,
        "programme/simple_form.html",
        {"form": form, "title": "Partenaire", "multipart": True},
    )


def _import_agenda_file(request: HttpRequest, import_form: AgendaImportForm, user: User) -> None:
    """Import the file sent (iCalendar, else CSV) and say how it went."""
    upload = import_form.cleaned_data["file"]
    raw = upload.read()
    if upload.name.lower().endswith(".ics"):
        result = agenda_import_ical(
            content=raw,
            actor=user,
            theme=import_form.cleaned_data["theme"],
            organiser=import_form.cleaned_data["organiser"],
        )
    else:
        result = agenda_import_csv(
            content=raw, actor=user, default_theme=import_form.cleaned_data["theme"]
        )
    for error in result.errors[:20]:
        messages.warning(request, error)
    messages.success(
        request, f"{result.created} action(s) importée(s), {result.updated} mise(s) à jour."
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda(request: HttpRequest) -> HttpResponse:
    user = require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    theme = request.GET.get("theme", "")
    form = ExternalActionForm(request.POST or None, prefix="ext")
    import_form = AgendaImportForm(prefix="imp")
    if request.method == "POST" and request.POST.get("which") == "import":
        import_form = AgendaImportForm(request.POST, request.FILES, prefix="imp")
        form = ExternalActionForm(prefix="ext")
        if import_form.is_valid():
            _import_agenda_file(request, import_form, user)
            return redirect("programme:agenda")
    elif request.method == "POST" and form.is_valid():
        external_action_save(
            event=form.save(commit=False),
            starts_at=form.cleaned_data["starts_at"],
            commune=form.cleaned_data.get("commune"),
            place=form.cleaned_data["place"],
            actor=user,
        )
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
