from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from millejours.accounts.access import professional_required

from . import selectors, services
from .forms import ContactForm, GoalForm, GoalStatusForm, ReviewForm
from .models import CareGoal


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


def _add_from_form(request, family_id, *, page: str, form_class, form_key: str, save, done: str):
    """Validate ``form_class`` on the family page; ``save(family, data)``, then back to it."""
    family = selectors.get_followed_family(request.user, family_id, page=page, path=request.path)
    form = form_class(request.POST)
    if not form.is_valid():
        return _family_page(request, family, status=400, **{form_key: form})
    save(family, form.cleaned_data)
    messages.success(request, done)
    return redirect("followup:family", family_id=family.pk)


@professional_required
@require_POST
def contact_add(request, family_id):
    return _add_from_form(
        request,
        family_id,
        page="followup:contact_add",
        form_class=ContactForm,
        form_key="contact_form",
        save=lambda family, data: services.contact_record(
            family=family, author=request.user, **data
        ),
        done="Contact enregistré.",
    )


@professional_required
@require_POST
def goal_add(request, family_id):
    return _add_from_form(
        request,
        family_id,
        page="followup:goal_add",
        form_class=GoalForm,
        form_key="goal_form",
        save=lambda family, data: services.goal_create(family=family, user=request.user, **data),
        done="Objectif ajouté.",
    )


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
