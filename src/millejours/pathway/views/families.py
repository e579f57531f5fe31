"""Families: list, creation, commune search and the family record (timeline)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.utils import timezone

from millejours.accounts.access import professional_required, require_professional
from millejours.lib import params
from millejours.lib.phone import format_mobile
from millejours.territory.models import Commune

from .. import services
from ..forms import (
    FamilyForm,
    ParentForm,
    PregnancyForm,
    gestational_age_today,
)
from ..models import (
    Child,
    Milestone,
    MilestoneState,
    PregnancyOutcome,
    Subject,
)
from ..selectors import visible_families
from .common import _family

FAMILIES_PER_PAGE = 25


@professional_required
@params.checked
def family_list(request):
    query = params.search_text(request)
    families = (
        visible_families(request.user).select_related("commune").order_by("display_name", "id")
    )
    if query:
        families = families.filter(
            Q(display_name__icontains=query)
            | Q(reference__iexact=query)
            | Q(parents__last_name__icontains=query)
            | Q(commune__name__icontains=query)
        ).distinct()
    page = Paginator(families, FAMILIES_PER_PAGE).get_page(request.GET.get("page"))
    # Late milestones of the families of this page only (index milestone_family_state_due).
    late = dict(
        Milestone.objects.filter(
            family_id__in=[f.pk for f in page.object_list], state=MilestoneState.LATE
        )
        .values("family_id")
        .annotate(n=Count("id"))
        .values_list("family_id", "n")
        .order_by()
    )
    for family in page.object_list:
        family.late_count = late.get(family.pk, 0)
    extra = urlencode({"q": query}) if query else ""
    return render(
        request, "pathway/family_list.html", {"page": page, "query": query, "extra": extra}
    )


@professional_required
def family_create(request):
    data = request.POST if request.method == "POST" else None
    family_form = FamilyForm(data)
    parent1 = ParentForm(data, prefix="parent1")
    parent2 = ParentForm(data, prefix="parent2", optional=True)
    pregnancy_form = PregnancyForm(data, prefix="grossesse")
    forms_ = [family_form, parent1, parent2, pregnancy_form]
    if request.method == "POST" and all(f.is_valid() for f in forms_):
        parents = [parent1.cleaned_data]
        if not parent2.is_empty():
            parents.append(parent2.cleaned_data)
        name = (
            family_form.cleaned_data["display_name"] or f"Foyer {parent1.cleaned_data['last_name']}"
        )
        family = services.family_create(
            created_by=request.user,
            display_name=name,
            commune=family_form.cleaned_data["commune"],
            address=family_form.cleaned_data["address"],
            parents=parents,
            pregnancy=pregnancy_form.pregnancy_data(),
        )
        messages.success(request, f"Le dossier « {family.display_name} » est créé.")
        return redirect("pathway:family_detail", family.pk)
    has_errors = request.method == "POST"
    return render(
        request,
        "pathway/family_create.html",
        {
            "family_form": family_form,
            "parent1": parent1,
            "parent2": parent2,
            "pregnancy_form": pregnancy_form,
            "has_errors": has_errors,
        },
        status=422 if has_errors else 200,
    )


@login_required
@params.checked
def commune_search(request):
    """Suggestions for the commune field (``<option>`` elements of a datalist, via htmx)."""
    require_professional(request.user, None)
    q = params.search_text(request, "commune") or params.search_text(request)
    communes = []
    if len(q) >= 2:
        qs = Commune.objects.only("insee_code", "name")
        qs = (
            qs.filter(insee_code__startswith=q)
            if q[:1].isdigit()
            else qs.filter(name__istartswith=q)
        )
        communes = list(qs.order_by("name")[:15])
    return render(request, "pathway/_commune_options.html", {"communes": communes})


CLOSED_STATES = (MilestoneState.DONE, MilestoneState.MISSED, MilestoneState.NOT_APPLICABLE)


def _timeline(family, pregnancies, milestones, today=None):
    """Phases per pregnancy: pregnancy, mother after birth, then each child.

    Each phase is ``{"title", "closed", "current"}``: the closed steps (done, not carried
    out, not applicable) fold away per period; the first step still open whose window has
    not ended is marked ``is_now`` (the page opens there: anchor ``#maintenant``).
    """
    today = today or timezone.localdate()
    by_pregnancy: dict[int, list] = {}
    for m in milestones:
        by_pregnancy.setdefault(m.pregnancy_id, []).append(m)
    now = min(
        (m for m in milestones if m.state not in CLOSED_STATES and m.window_end >= today),
        key=lambda m: (m.due, m.pk),
        default=None,
    )
    if now is not None:
        now.is_now = True
    result = []
    for pregnancy in pregnancies:
        items = by_pregnancy.get(pregnancy.pk, [])
        phases = [
            ("Grossesse", [m for m in items if m.subject == Subject.PREGNANCY]),
            ("Après la naissance — mère", [m for m in items if m.subject == Subject.MOTHER]),
        ]
        for child in pregnancy.children.all():
            phases.append((f"Enfant — {child}", [m for m in items if m.child_id == child.pk]))
        result.append(
            {
                "pregnancy": pregnancy,
                "phases": [
                    {
                        "title": t,
                        "closed": [m for m in ms if m.state in CLOSED_STATES],
                        "current": [m for m in ms if m.state not in CLOSED_STATES],
                    }
                    for t, ms in phases
                    if ms
                ],
            }
        )
    return result


@login_required
def family_detail(request, family_id):
    family = _family(request, family_id, "pathway:family_detail")
    if not request.user.is_professional:
        return redirect("pathway:parent_calendar")
    pregnancies = list(
        family.pregnancies.prefetch_related(
            Prefetch("children", queryset=Child.objects.order_by("id"))
        )
    )
    milestones = list(family.milestones.order_by("due", "code"))
    by_id = {p.pk: p for p in pregnancies}
    for m in milestones:  # the pregnancies just read, not one copy per row (select_related)
        if m.pregnancy_id in by_id:
            m.pregnancy = by_id[m.pregnancy_id]
    for p in pregnancies:
        p.ga_today = gestational_age_today(p.lmp) if p.outcome == PregnancyOutcome.ONGOING else None
    parents = list(family.parents.all())
    for p in parents:
        p.phone_display = format_mobile(p.phone) if p.phone else ""
    return render(
        request,
        "pathway/family_detail.html",
        {
            "family": family,
            "parents": parents,
            "pregnancies": pregnancies,
            "timeline": _timeline(family, pregnancies, milestones),
            "family_milestones": milestones,  # the screening panel's EPP step
            "invitable": any(p.user_id is None for p in parents),
        },
    )
