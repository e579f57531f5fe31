"""Pages of the privacy domain: access history, consents, break the glass, RGPD rights.

The rules and the records they show live in the ground floor (``millejours.audit``:
access log, audit events, consents, break-the-glass grants, RGPD export and erasure);
the care team is changed on its one page, ``pathway:careteam``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from millejours.accounts.access import (
    HEALTH_PROFESSIONALS_PAGE,
    PARENTS_PAGE,
    require_parent,
    require_platform_admin,
    require_professional,
)
from millejours.audit import selectors, services
from millejours.audit.models import BreakGlassAccess, ConsentScope, ErasureRecord
from millejours.pathway.models import CareTeamMember, Family
from millejours.pathway.selectors import get_family_for_user, parent_family, visible_families
from millejours.privacy import rgpd

from . import consents, document
from .forms import AccessLogSearchForm, BreakGlassForm, ConsentChangeForm, ErasureForm
from .visits import visits_for

PAGE_SIZE = 50


def _family_url(family_id: int) -> str:
    try:
        return reverse("pathway:family_detail", args=[family_id])
    except NoReverseMatch:
        return "/"


def _parent_families(user):
    own = parent_family(user)
    return [own] if own is not None else []


# --- Parent pages --------------------------------------------------------------------------


@login_required
def my_access_history(request):
    """« Qui a consulté mon dossier » : the visits of other people (hers behind a switch)."""
    user = request.user
    require_parent(user, PARENTS_PAGE)
    families = _parent_families(user)
    include_own = request.GET.get("les_miennes") == "1"
    visits = visits_for(families, viewer=user, include_own=include_own)
    page = Paginator(visits, PAGE_SIZE).get_page(request.GET.get("page"))
    grants = (
        BreakGlassAccess.objects.filter(family__in=families)
        .select_related("user")
        .order_by("-started_at")[:50]
    )
    return render(
        request,
        "privacy/my_access_history.html",
        {
            "page_obj": page,
            "grants": grants,
            "include_own": include_own,
            "query": "les_miennes=1" if include_own else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_consents(request):
    user = request.user
    require_parent(user, PARENTS_PAGE)
    families = _parent_families(user)
    if request.method == "POST":
        form = ConsentChangeForm(request.POST)
        family = next((f for f in families if str(f.pk) == request.POST.get("family")), None)
        if family is None or not form.is_valid():
            messages.error(request, _("Demande invalide."))
            return redirect("privacy:my_consents")
        scope, action = form.cleaned_data["scope"], form.cleaned_data["action"]
        if action == "retirer":
            consents.consent_set(user=user, family=family, scope=scope, given=False)
            messages.success(
                request,
                _("Consentement retiré : %(scope)s. Le retrait s'applique immédiatement.")
                % {"scope": _(ConsentScope(scope).label)},
            )
        else:
            consents.consent_set(
                user=user, family=family, scope=scope, given=True, given_by=user.display_name
            )
            messages.success(
                request,
                _("Consentement donné : %(scope)s.") % {"scope": _(ConsentScope(scope).label)},
            )
        return redirect("privacy:my_consents")
    states = selectors.consents_for(families)
    team = list(
        CareTeamMember.objects.filter(family__in=families, removed_at__isnull=True)
        .select_related("user")
        .order_by("role", "user__last_name")
    )
    records = [
        {
            "family": family,
            "scopes": [
                {"code": scope.value, "label": scope.label, "given": states[family.pk][scope.value]}
                for scope in ConsentScope
            ],
            "history": selectors.consent_history(family),
            "team": [m for m in team if m.family_id == family.pk],
        }
        for family in families
    ]
    return render(request, "privacy/my_consents.html", {"records": records})


@login_required
def my_data(request):
    """« Mes données » : everything kept about the family, as a readable French document."""
    require_parent(request.user, PARENTS_PAGE)
    records = []
    for family in _parent_families(request.user):
        get_family_for_user(request.user, family.pk, page="privacy:my_data", path=request.path)
        records.append({"family": family, "sections": document.family_document(family)})
    return render(request, "privacy/my_data.html", {"records": records})


def _parent_family_or_404(request, family_id):
    require_parent(request.user, PARENTS_PAGE)
    return get_family_for_user(
        request.user, family_id, page="privacy:my_data_export", path=request.path
    )


@login_required
def my_data_json(request, family_id):
    family = _parent_family_or_404(request, family_id)
    response = HttpResponse(
        rgpd.export_json_bytes(family), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="mes-donnees-{family.reference}.json"'
    return response


@login_required
def my_data_pdf(request, family_id):
    family = _parent_family_or_404(request, family_id)
    response = HttpResponse(document.document_pdf_bytes(family), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="mes-donnees-{family.reference}.pdf"'
    return response


# --- Care team: consents recorded on the family's behalf -------------------------------------


@login_required
@require_POST
@transaction.atomic  # a refusal rolls back everything, the logged read included
def family_consent(request, family_id):
    """A care-team member records a consent the family gave or withdrew (never under break the
    glass): the rule is ``consents.can_change_consents``, checked again by ``consent_set``."""
    require_professional(request.user, HEALTH_PROFESSIONALS_PAGE)
    family = get_family_for_user(
        request.user, family_id, page="privacy:family_consent", path=request.path
    )
    consents.require_consent_right(request.user, family)  # 403 before reading the form
    form = ConsentChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Demande invalide.")
    elif form.cleaned_data["action"] == "retirer":
        consents.consent_set(
            user=request.user, family=family, scope=form.cleaned_data["scope"], given=False
        )
        messages.success(request, "Retrait du consentement enregistré.")
    else:
        consents.consent_set(
            user=request.user,
            family=family,
            scope=form.cleaned_data["scope"],
            given=True,
            given_by=request.POST.get("given_by", "")[:200],
        )
        messages.success(request, "Consentement enregistré.")
    return redirect(_family_url(family.pk))


# --- Break the glass ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def breakglass_request(request, family_id):
    user = request.user
    require_professional(user, HEALTH_PROFESSIONALS_PAGE)
    if visible_families(user).filter(pk=family_id).exists():
        return redirect(_family_url(family_id))
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The form is the same whether the file exists or not (no existence oracle).
        family = Family.objects.filter(pk=family_id).only("pk").first()
        if family is None:
            raise Http404("Dossier introuvable.")
        services.break_glass_open(user=user, family=family, reason=form.cleaned_data["reason"])
        messages.warning(
            request,
            "Accès exceptionnel ouvert : chaque consultation est tracée, signalée au DPO et visible par la famille.",
        )
        return redirect(_family_url(family.pk))
    return render(
        request,
        "privacy/breakglass_request.html",
        {"form": form, "family_id": family_id, "hours": services_hours()},
    )


def services_hours() -> int:
    return settings.MILLEJOURS_BREAK_GLASS_HOURS


@login_required
def breakglass_list(request):
    require_platform_admin(request.user)
    qs = BreakGlassAccess.objects.select_related("user").order_by("-started_at", "-id")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "privacy/breakglass_list.html", {"page_obj": page, "now": timezone.now()}
    )


# --- DPO: access log search, erasure -------------------------------------------------------------


def _day_start(day: dt.date | None):
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@login_required
def accesslog_search(request):
    require_platform_admin(request.user)
    form = AccessLogSearchForm(request.GET or None)
    qs = selectors.search_access_log()
    if form.is_valid():
        data = form.cleaned_data
        qs = selectors.search_access_log(
            family_id=data["family"],
            person=data["person"],
            date_from=_day_start(data["date_from"]),
            date_to=_day_start(data["date_to"] + dt.timedelta(days=1)) if data["date_to"] else None,
            break_glass=data["break_glass"],
        )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page:
        entry.page_label = selectors.page_in_words(entry.page)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "privacy/accesslog_search.html",
        {"form": form, "page_obj": page, "query": query.urlencode()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def family_erase(request, family_id):
    require_platform_admin(request.user)
    family = Family.objects.filter(pk=family_id).first()
    if family is None:
        raise Http404("Dossier introuvable.")
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rgpd.erase_family(
            family=family, actor=request.user, legal_basis=form.cleaned_data["legal_basis"]
        )
        messages.success(
            request, "Le dossier a été supprimé ; la suppression est consignée au registre."
        )
        return redirect("privacy:erasure_list")
    return render(request, "privacy/family_erase.html", {"form": form, "family": family})


@login_required
def erasure_list(request):
    require_platform_admin(request.user)
    page = Paginator(ErasureRecord.objects.order_by("-at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "privacy/erasure_list.html", {"page_obj": page})
