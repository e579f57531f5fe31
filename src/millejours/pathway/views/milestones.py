"""Milestones of the family record: mark done, undo, one row (htmx)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from millejours.accounts.access import professional_required

from .. import rows, services
from ..forms import MilestoneDoneForm
from ..models import Milestone, MilestoneState
from ..rows import csrf_input
from .common import _family

StepAction = Callable[[HttpRequest, Milestone], None]


def _milestone(family, milestone_id) -> Milestone:
    return get_object_or_404(
        Milestone.objects.select_related("pregnancy", "child"), pk=milestone_id, family=family
    )


def _row(request, family, milestone, form=None, status=200):
    """The timeline row (htmx swap); ``focus`` keeps keyboard users where they were."""
    if form is not None and not form.errors:  # with errors, the error summary gets the focus
        form.fields["done_on"].widget.attrs["autofocus"] = True
    form_html = rows.done_form_html(family.pk, milestone, form, request) if form else ""
    html = rows.milestone_row(
        family.pk, milestone, csrf=csrf_input(get_token(request)), focus=True, form_html=form_html
    )
    return HttpResponse(html, status=status)


def _at_step(family, milestone) -> HttpResponse:
    """Back to the family record, at that step."""
    return redirect(reverse("pathway:family_detail", args=[family.pk]) + f"#etape-{milestone.pk}")


@professional_required
def milestone_done(request, family_id, milestone_id):
    """Mark a milestone done: inline htmx form (swaps the row) or a plain page without JS."""
    family = _family(request, family_id, "pathway:milestone_done")
    milestone = _milestone(family, milestone_id)
    form = MilestoneDoneForm(request.POST or None, milestone=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_mark_done(
                milestone=milestone,
                user=request.user,
                done_on=form.cleaned_data["done_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error("done_on", exc)
        else:
            if request.htmx:
                return _row(request, family, milestone)
            messages.success(request, f"« {milestone.label} » est marqué comme fait.")
            return _at_step(family, milestone)
    status = 422 if request.method == "POST" else 200
    if request.htmx:
        # htmx does not swap 4xx responses by default: answer 200 with the errors shown.
        return _row(request, family, milestone, form=form)
    return render(
        request,
        "pathway/milestone_done.html",
        {"family": family, "m": milestone, "form": form, "title": "Marquer comme fait"},
        status=status,
    )


@professional_required
def milestone_row(request, family_id, milestone_id):
    """The row alone (htmx "Annuler" of the inline form)."""
    family = _family(request, family_id, "pathway:milestone_row")
    return _row(request, family, _milestone(family, milestone_id))


def _step_post(page: str) -> Callable[[StepAction], Callable[..., HttpResponse]]:
    """Decorator of a one-click POST on a step of the family record (« annuler »,
    « rouvrir »): the family first (404 outside the care team, before the 405 of a GET), then
    ``act(request, milestone)``, then the row (htmx) or the family record at that step."""

    def decorate(act: StepAction) -> Callable[..., HttpResponse]:
        @wraps(act)
        def view(request, family_id, milestone_id):
            family = _family(request, family_id, page)
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            milestone = _milestone(family, milestone_id)
            act(request, milestone)
            if request.htmx:
                return _row(request, family, milestone)
            return _at_step(family, milestone)

        return view

    return decorate


@professional_required
@_step_post("pathway:milestone_undo")
def milestone_undo(request, milestone):
    if milestone.state == MilestoneState.DONE:
        try:
            services.milestone_mark_not_done(milestone=milestone, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    if not request.htmx:
        messages.info(request, f"« {milestone.label} » n'est plus marqué comme fait.")
