from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from millejours.accounts.access import professional_required
from millejours.pathway.models import Family

from . import selectors, services
from .forms import ContactForm, GoalForm, GoalStatusForm, ReviewForm
from .models import CareGoal

SaveAction = Callable[[HttpRequest, Family, dict[str, Any]], None]


@professional_required
def caseload(request):
    include_closed = request.GET.get("tous") == "1"
    rows = selectors.caseload(
        request.user, today=timezone.localdate(), include_closed=include_closed
    )
    return render(
        request, "followup/caseload.html", {"rows": rows, "include_closed": include_closed}
    )


def _family_page(request, family, *, contact_form=None, goal_form=None, status=200):
    return render(
        request,
        "followup/family.html",
        {
            "family": family,
            "contacts": selectors.family_contacts(family),
            "goals": selectors.family_goals(family),
            "reviews": selectors.family_reviews(family),
            "contact_form": contact_form
            or ContactForm(initial={"occurred_on": timezone.localdate()}),
            "goal_form": goal_form or GoalForm(),
            "goal_statuses": GoalStatusForm.base_fields["status"].choices,
        },
        status=status,
    )


@professional_required
def family_followup(request, family_id):
    family = selectors.get_followed_family(
        request.user, family_id, page="followup:family", path=request.path
    )
    return _family_page(request, family)


def _family_form(
    page: str, form_class: type[forms.Form], form_key: str, done: str
) -> Callable[[SaveAction], Callable[..., HttpResponse]]:
    """Decorator of a form posted from the family page (a contact, a goal): invalid, the page
    again with its errors (400); valid, ``save(request, family, data)``, then back to it."""

    def decorate(save: SaveAction) -> Callable[..., HttpResponse]:
        @wraps(save)
        def view(request, family_id):
            family = selectors.get_followed_family(
                request.user, family_id, page=page, path=request.path
            )
            form = form_class(request.POST)
            if not form.is_valid():
                return _family_page(request, family, status=400, **{form_key: form})
            save(request, family, form.cleaned_data)
            messages.success(request, done)
            return redirect("followup:family", family_id=family.pk)

        return view

    return decorate


@professional_required
@require_POST
@_family_form("followup:contact_add", ContactForm, "contact_form", "Contact enregistré.")
def contact_add(request, family, data):
    services.contact_record(family=family, author=request.user, **data)


@professional_required
@require_POST
@_family_form("followup:goal_add", GoalForm, "goal_form", "Objectif ajouté.")
def goal_add(request, family, data):
    services.goal_create(family=family, user=request.user, **data)


@professional_required
@require_POST
def goal_status(request, family_id, goal_id):
    family = selectors.get_followed_family(
        request.user, family_id, page="followup:goal_status", path=request.path
    )
    goal = get_object_or_404(CareGoal, pk=goal_id, family=family)
    form = GoalStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "État inconnu : l'objectif n'a pas été modifié.")
        return redirect("followup:family", family_id=family.pk)
    services.goal_set_status(
        goal=goal, user=request.user, status=form.cleaned_data["status"], today=timezone.localdate()
    )
    messages.success(request, f"Objectif « {goal.title} » : {goal.get_status_display().lower()}.")
    return redirect("followup:family", family_id=family.pk)


@professional_required
def review_prepare(request, family_id):
    family = selectors.get_followed_family(
        request.user, family_id, page="followup:review", path=request.path
    )
    today = timezone.localdate()
    form = ReviewForm(request.POST or None, initial={"held_on": today})
    if request.method == "POST" and form.is_valid():
        services.review_record(family=family, user=request.user, **form.cleaned_data)
        messages.success(request, "Synthèse enregistrée.")
        return redirect("followup:family", family_id=family.pk)
    context = {"family": family, "form": form, **selectors.review_preparation(family, today=today)}
    return render(request, "followup/review.html", context, status=400 if form.is_bound else 200)
