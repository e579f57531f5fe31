"""Pages of the worklist triage: the worklist, its bulk action bar, « reporter » and
« non réalisé » of one step, and the territory search (reaching a family outside my care
team). Thin views: writes in ``pathway.triage``, reads in ``pathway.worklist`` and
``pathway.selectors``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from millejours.accounts.access import professional_required
from millejours.lib import params
from millejours.lib.http import HtmxHttpRequest
from millejours.pathway.calendar import get_rules

from .. import triage
from ..models import OPEN_STATES, Family, Milestone
from ..selectors import SEARCH_MIN_CHARS
from ..services.search import SearchRefused, territory_search_run
from ..triage_forms import BulkForm, MissedForm, PostponeForm
from ..worklist import BUCKETS, followed_communes
from ..worklist import worklist as worklist_page
from .common import _family
from .milestones import _at_step, _milestone, _row, _step_post

StepFormAction = Callable[[HttpRequest, Milestone, dict[str, Any]], None]

CATEGORY_LABELS = {
    "demarche": "Démarches",
    "echographie": "Échographies",
    "entretien": "Entretiens",
    "examen": "Examens",
    "information": "Repères",
    "vaccin": "Vaccins",
    "visite": "Visites",
}
STATUS_LABELS = [
    ("compulsory", "Obligatoire"),
    ("recommended", "Recommandé"),
    ("conditional", "Selon la situation"),
    ("information", "Information"),
]


def _worklist_categories() -> list[tuple[str, str]]:
    codes = sorted({rule.category for rule in get_rules().rules})
    return [(code, CATEGORY_LABELS.get(code, code.capitalize())) for code in codes]


def _filters(request) -> dict:
    status = params.search_text(request, "statut")
    if request.GET.get("obligatoires"):
        status = "compulsory"
    return {
        "category": params.search_text(request, "categorie"),
        "status": status,
        "commune": params.search_text(request, "commune"),
        "q": params.search_text(request),
    }


@professional_required
@params.checked
def worklist(request):
    """This week, late, due date passed, upcoming, to review (``pathway.worklist``)."""
    bucket = request.GET.get("liste", "due_this_week")
    if bucket not in BUCKETS:
        bucket = "due_this_week"
    filters = _filters(request)
    by_family = request.GET.get("par") == "famille"
    result = worklist_page(
        request.user,
        bucket=bucket,
        page=request.GET.get("page") or 1,
        by_family=by_family,
        per_page=getattr(settings, "MILLEJOURS_WORKLIST_PAGE_SIZE", 50),
        **filters,
    )
    names = (("categorie", "category"), ("statut", "status"), ("commune", "commune"), ("q", "q"))
    pairs = [(k, filters[v]) for k, v in names if filters[v]]
    filter_query = urlencode(pairs + ([("par", "famille")] if by_family else []))
    return render(
        request,
        "pathway/worklist.html",
        {
            "result": result,
            "bucket": bucket,
            "buckets": [
                (code, label, result.counts.get(code, 0)) for code, label in BUCKETS.items()
            ],
            "bucket_label": BUCKETS[bucket],
            "filters": filters,
            "filter_query": filter_query,
            "by_family": by_family,
            "categories": _worklist_categories(),
            "statuses": STATUS_LABELS,
            "communes": followed_communes(request.user, result.team_ids),
            "bulk_form": BulkForm(initial={"action": "fait"}),
            "back": request.get_full_path(),
            "today": timezone.localdate(),
        },
    )


def _back(request) -> str:
    back = request.POST.get("retour") or request.GET.get("retour") or ""
    worklist_url = reverse("pathway:worklist")
    return back if back.startswith(worklist_url) else worklist_url


@professional_required
@require_POST
def worklist_bulk(request):
    """The action bar (and each row's « Fait » button): one action on the checked steps."""
    data = request.POST.copy()
    single = data.get("fait_une")
    if single:  # a row's own « Fait » button: that step only, done today
        data.setlist("etapes", [single])
        data["action"] = "fait"
        data["fait_le"] = ""  # « Fait » of a row means today; the bar's date is for the bar
    form = BulkForm(data)
    if form.is_valid():
        d = form.cleaned_data
        try:
            n = triage.milestones_bulk(
                user=request.user,
                milestone_ids=d["etapes"],
                action=d["action"],
                done_on=d.get("fait_le"),
                to=d.get("date"),
                reason=d.get("motif") or "",
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            label = triage.ACTIONS[d["action"]].lower()
            messages.success(request, f"{n} étape{'s' if n > 1 else ''} : « {label} » enregistré.")
    else:
        errors = [e for errs in form.errors.values() for e in errs]
        messages.error(request, " ".join(errors))
    return redirect(_back(request))


def _inline_row(request: HtmxHttpRequest) -> bool:
    """An htmx request from a worklist row (« reporter » inline): answer with that row."""
    return bool(request.htmx and (request.GET.get("ligne") or request.POST.get("ligne")))


def _worklist_row(
    request: HtmxHttpRequest,
    family: Family,
    milestone: Milestone,
    *,
    form: forms.Form | None = None,
    title: str = "",
    focus: bool = False,
) -> HttpResponse:
    """One worklist row: the row itself, or its inline form (htmx swaps 2xx only: 200)."""
    context = {
        "family": family,
        "m": milestone,
        "back": _back(request),
        "focus": focus,
        "closed": milestone.state not in OPEN_STATES,
    }
    if form is None:
        return render(request, "pathway/_worklist_row.html", context)
    if not form.errors:
        next(iter(form.fields.values())).widget.attrs["autofocus"] = True
    context.update(form=form, title=title)
    return render(request, "pathway/_worklist_row_form.html", context)


def _one_step_form(
    page: str, form_class: type[forms.Form], title: str
) -> Callable[[StepFormAction], Callable[..., HttpResponse]]:
    """Decorator of a step's form page (« reporter », « non réalisé »: a page, a row of the
    timeline or of the worklist, see ``_one_step_page``): ``act(request, milestone, data)``
    records a valid form."""

    def decorate(act: StepFormAction) -> Callable[..., HttpResponse]:
        @wraps(act)
        def view(request, family_id, milestone_id):
            return _one_step_page(
                request,
                family_id,
                milestone_id,
                page=page,
                form_class=form_class,
                title=title,
                apply=lambda milestone, data: act(request, milestone, data),
            )

        return view

    return decorate


def _one_step_page(request, family_id, milestone_id, *, page, form_class, title, apply):
    family = _family(request, family_id, page)
    milestone = _milestone(family, milestone_id)
    inline_row = _inline_row(request)
    form = form_class(request.POST or None, prefix=f"ligne{milestone.pk}" if inline_row else None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                apply(milestone, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if inline_row:
                return _worklist_row(request, family, milestone, focus=True)
            if request.htmx and not request.POST.get("retour"):
                return _row(request, family, milestone)
            messages.success(request, f"« {milestone.label} » : {title.lower()} enregistré.")
            back = request.POST.get("retour")
            if back:
                return redirect(_back(request))
            return _at_step(family, milestone)
    if inline_row:
        return _worklist_row(request, family, milestone, form=form, title=title)
    if request.htmx and not request.POST.get("retour"):
        # Inline in the timeline row (htmx swaps 2xx only: the errors come back with 200).
        if not form.errors:  # with errors, the focus goes to the error summary
            next(iter(form.fields.values())).widget.attrs["autofocus"] = True
        return render(
            request,
            "pathway/_milestone_triage_form.html",
            {
                "family": family,
                "m": milestone,
                "form": form,
                "label": f"{title} : {milestone.label}",
                "row_url": reverse("pathway:milestone_row", args=[family.pk, milestone.pk]),
            },
        )
    return render(
        request,
        "pathway/milestone_triage.html",
        {
            "family": family,
            "m": milestone,
            "form": form,
            "title": title,
            "back": _back(request)
            if request.GET.get("retour") or request.POST.get("retour")
            else "",
        },
        status=422 if request.method == "POST" else 200,
    )


@professional_required
def worklist_row(request: HtmxHttpRequest, family_id: int, milestone_id: int) -> HttpResponse:
    """One worklist row alone (« Annuler » of the inline form)."""
    family = _family(request, family_id, "pathway:worklist_row")
    return _worklist_row(request, family, _milestone(family, milestone_id))


@professional_required
@_one_step_form("pathway:milestone_postpone", PostponeForm, "Reporter")
def milestone_postpone(request, milestone, data):
    triage.milestone_postpone(
        milestone=milestone, user=request.user, to=data["to"], reason=data["reason"]
    )


@professional_required
@_one_step_form("pathway:milestone_missed", MissedForm, "Non réalisé")
def milestone_missed(request, milestone, data):
    triage.milestone_mark_missed(milestone=milestone, user=request.user, reason=data["reason"])


@professional_required
@_step_post("pathway:milestone_reopen")
def milestone_reopen(request, milestone):
    triage.milestone_reopen(milestone=milestone, user=request.user)


@professional_required
@params.checked
def territory_search_page(request):
    """Find a family of the whole territory: name and commune only, then break the glass."""
    query = params.search_text(request)
    results, error, status = None, "", 200
    if query:
        try:
            results = territory_search_run(user=request.user, query=query)
        except SearchRefused as refused:
            error, status = refused.message, refused.status
    return render(
        request,
        "pathway/territory_search.html",
        {"query": query, "results": results, "error": error, "min_chars": SEARCH_MIN_CHARS},
        status=status,
    )
