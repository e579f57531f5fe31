"""Check-up pages: the parent's (her space, on her phone) and the professional's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from millejours.accounts.access import (
    CARE_TEAM_PROFESSIONALS_ONLY,
    require_parent,
    require_professional,
)
from millejours.pathway.selectors import get_family_for_user, get_own_family
from millejours.screening.questionnaires import AnswerError

from . import questionnaire, selectors, services
from .forms import FlagReviewForm, GoalForm, GoalReviewForm, PlanForm, answers_from_post
from .models import CheckupFlag, Goal, Plan

SLOTS = (1, 2, 3)
NO_OWN_RECORD = "Aucun dossier n'est rattaché à votre compte."


def _pro_family(request, family_id, page: str):
    require_professional(request.user, CARE_TEAM_PROFESSIONALS_ONLY)
    return get_family_for_user(request.user, family_id, page=page, path=request.path)


def _own_family(request, page: str):
    require_parent(request.user)
    return get_own_family(request.user, page=page, path=request.path, missing=NO_OWN_RECORD)


def _own_plan(request, page: str):
    """The parent's own family and its latest plan (``None`` before the first one)."""
    family = _own_family(request, page)
    return family, selectors.latest_plan(family, request.user)


def _form_page(request, family, *, parent_space: bool):
    q = questionnaire.get()
    error = ""
    if request.method == "POST":
        answers, motivation = answers_from_post(request.POST)
        try:
            checkup = services.checkup_submit(
                family=family, user=request.user, answers=answers, motivation=motivation
            )
        except AnswerError as exc:
            error = str(exc)
        else:
            messages.success(request, gettext("Bilan enregistré. Merci !"))
            if parent_space:
                return redirect("checkup:parent_result", pk=checkup.pk)
            return redirect("checkup:detail", family_id=family.pk, pk=checkup.pk)
    context = {
        "questionnaire": q,
        "family": family,
        "parent_space": parent_space,
        "error": error,
        "posted": request.POST,
        "ruler": range(0, 11),
    }
    return render(request, "checkup/form.html", context, status=400 if error else 200)


# --- Parent's space -----------------------------------------------------------------------


@login_required
def parent_checkup(request):
    family = _own_family(request, "checkup:parent_form")
    return _form_page(request, family, parent_space=True)


@login_required
@require_GET
def parent_result(request, pk):
    family = _own_family(request, "checkup:parent_result")
    checkup = selectors.family_checkup(family, pk)
    q = questionnaire.get(checkup.version)
    context = {
        "family": family,
        "checkup": checkup,
        "questionnaire": q,
        "feedback": q.knowledge_feedback(checkup.answers or {}),
    }
    return render(request, "checkup/result.html", context)


@login_required
@require_GET
def parent_plan(request):
    family, plan = _own_plan(request, "checkup:parent_plan")
    context = {
        "family": family,
        "plan": plan,
        "goals": selectors.plan_goals(plan) if plan else [],
        "checkups": selectors.family_checkups(family)[:10],
    }
    return render(request, "checkup/parent_plan.html", context)


@login_required
@require_GET
def parent_plan_pdf(request):
    family, plan = _own_plan(request, "checkup:parent_plan_pdf")
    if plan is None:
        raise Http404("Aucun plan pour le moment.")
    return _pdf(request, family, plan)


def _pdf(request, family, plan):
    from weasyprint import HTML  # heavy (Pango): loaded for a PDF only

    q = questionnaire.get(plan.checkup.version)
    context = {
        "family": family,
        "plan": plan,
        "goals": selectors.plan_goals(plan),
        "domains": {d.code: d.label for d in q.domains},
        "printed_at": timezone.localtime(),
    }
    html = render_to_string("checkup/plan_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    out = HttpResponse(pdf, content_type="application/pdf")
    out["Content-Disposition"] = (
        f'inline; filename="plan-prevention-{plan.created_at:%Y-%m-%d}.pdf"'
    )
    return out


# --- Professional -------------------------------------------------------------------------


@login_required
@require_GET
def family_page(request, family_id):
    family = _pro_family(request, family_id, "checkup:family")
    context = {
        "family": family,
        "checkups": selectors.family_checkups(family)[:20],
        "plan": selectors.latest_plan(family, request.user),
    }
    return render(request, "checkup/family.html", context)


@login_required
def pro_new(request, family_id):
    family = _pro_family(request, family_id, "checkup:pro_form")
    return _form_page(request, family, parent_space=False)


def _goal_forms(request, family, plan, goals):
    if request.method == "POST":
        return [GoalForm(request.POST, prefix=f"goal{n}", family=family) for n in SLOTS]
    initial = [
        {
            "domain": g.domain,
            "words": g.words,
            "first_steps": g.first_steps,
            "review_on": g.review_on,
            "resources": list(g.resources.all()),
        }
        for g in goals
    ]
    initial += [{}] * (len(SLOTS) - len(initial))
    return [GoalForm(initial=initial[n - 1], prefix=f"goal{n}", family=family) for n in SLOTS]


@login_required
def detail(request, family_id, pk):
    family = _pro_family(request, family_id, "checkup:detail")
    checkup = selectors.family_checkup(family, pk)
    existing = Plan.objects.filter(checkup=checkup).select_related("family").first()
    plan = existing if existing and selectors.can_see_plan(existing, request.user) else None
    hidden = existing is not None and plan is None
    goals = selectors.plan_goals(plan) if plan else []
    editable = not hidden and not any(g.reviews.all() for g in goals)
    goal_forms = _goal_forms(request, family, plan, goals)
    plan_form = PlanForm(
        request.POST if request.method == "POST" else None,
        initial={"consent_share": plan.consent_share if plan else False},
    )
    error = ""
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(
                "Ce plan n'est pas modifiable ici : notez plutôt l'avancement des objectifs."
            )
        if all(f.is_valid() for f in goal_forms) and plan_form.is_valid():
            try:
                services.plan_save(
                    checkup=checkup,
                    user=request.user,
                    goals=[f.cleaned_data for f in goal_forms],
                    consent_share=plan_form.cleaned_data["consent_share"],
                )
            except ValidationError as exc:
                error = exc.messages[0]
            else:
                messages.success(request, "Plan enregistré.")
                return redirect("checkup:detail", family_id=family.pk, pk=checkup.pk)
        else:
            error = "Vérifiez les objectifs saisis."
    context = {
        "family": family,
        "checkup": checkup,
        "rows": selectors.checkup_rows(checkup),
        "flags": selectors.proposed_flags(checkup),
        "plan": plan,
        "goals": goals,
        "goal_forms": goal_forms,
        "plan_form": plan_form,
        "editable": editable,
        "hidden": hidden,
        "error": error,
        "review_form": GoalReviewForm(),
        "flag_form": FlagReviewForm(),
    }
    return render(request, "checkup/detail.html", context, status=400 if error else 200)


@login_required
@require_GET
def plan_pdf(request, family_id, pk):
    family = _pro_family(request, family_id, "checkup:plan_pdf")
    plan = selectors.visible_plan(selectors.family_checkup(family, pk), request.user)
    if plan is None:
        raise Http404("Aucun plan visible pour ce bilan.")
    return _pdf(request, family, plan)


@login_required
@require_POST
def flag_review(request, family_id, flag_id):
    family = _pro_family(request, family_id, "checkup:flag_review")
    flag = get_object_or_404(
        CheckupFlag.objects.select_related("checkup"), pk=flag_id, checkup__family=family
    )
    form = FlagReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez : confirmer ou écarter.")
    else:
        try:
            services.flag_review(
                flag=flag, user=request.user, confirmed=form.cleaned_data["decision"] == "confirme"
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
    return redirect("checkup:detail", family_id=family.pk, pk=flag.checkup_id)


@login_required
@require_POST
def goal_review(request, family_id, goal_id):
    family = _pro_family(request, family_id, "checkup:goal_review")
    goal = get_object_or_404(
        Goal.objects.select_related("plan__family", "plan__checkup"),
        pk=goal_id,
        plan__family=family,
    )
    if not selectors.can_see_plan(goal.plan, request.user):
        raise Http404("Objectif introuvable.")
    form = GoalReviewForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.goal_review(goal=goal, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            error = exc.messages[0]
    else:
        error = "Choisissez l'avancement de l'objectif."
    if request.headers.get("HX-Request"):
        goal.refresh_from_db()
        context = {
            "goal": goal,
            "family": family,
            "review_form": form if error else GoalReviewForm(),
            "error": error,
            "can_review": True,
        }
        return render(request, "checkup/_goal.html", context, status=400 if error else 200)
    if error:
        messages.error(request, error)
    return redirect("checkup:detail", family_id=family.pk, pk=goal.plan.checkup_id)
