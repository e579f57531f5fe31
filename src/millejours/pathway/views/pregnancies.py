"""Pregnancies: declaration, edit, birth and post-partum risk."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from millejours.accounts.access import professional_required

from .. import services
from ..forms import (
    BirthForm,
    PostpartumRiskForm,
    PregnancyForm,
)
from ..models import (
    Pregnancy,
)
from .common import _family


@professional_required
def pregnancy_create(request, family_id):
    family = _family(request, family_id, "pathway:pregnancy_create")
    form = PregnancyForm(request.POST or None, prefix="grossesse")
    if request.method == "POST" and form.is_valid():
        services.pregnancy_record(family=family, user=request.user, **form.pregnancy_data())
        messages.success(request, "La grossesse est enregistrée et le calendrier calculé.")
        return redirect("pathway:family_detail", family.pk)
    return render(
        request,
        "pathway/pregnancy_form.html",
        {"family": family, "form": form},
        status=422 if request.method == "POST" else 200,
    )


def _pregnancy(family, pregnancy_id) -> Pregnancy:
    return get_object_or_404(Pregnancy, pk=pregnancy_id, family=family)


@professional_required
def pregnancy_edit(request, family_id, pregnancy_id):
    """Correct the DDR (or DPA), declaration date, number of fetuses: the calendar follows."""
    family = _family(request, family_id, "pathway:pregnancy_edit")
    pregnancy = _pregnancy(family, pregnancy_id)
    first_birth = (
        pregnancy.children.order_by("birth_date").values_list("birth_date", flat=True).first()
    )
    initial = {name: getattr(pregnancy, name) for name in PregnancyForm.INITIAL_FIELDS}
    form = PregnancyForm(
        request.POST or None, prefix="grossesse", initial=initial, birth_date=first_birth
    )
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.pregnancy_data().items() if getattr(pregnancy, k) != v}
        if changes:
            services.pregnancy_update(pregnancy=pregnancy, user=request.user, **changes)
            messages.success(
                request,
                "La grossesse est modifiée et le calendrier recalculé (les étapes faites sont conservées).",
            )
        return redirect("pathway:family_detail", family.pk)
    return render(
        request,
        "pathway/pregnancy_form.html",
        {"family": family, "form": form, "pregnancy": pregnancy},
        status=422 if request.method == "POST" else 200,
    )


@professional_required
def birth_create(request, family_id, pregnancy_id):
    family = _family(request, family_id, "pathway:birth_create")
    pregnancy = _pregnancy(family, pregnancy_id)
    form = BirthForm(request.POST or None, pregnancy=pregnancy)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        services.birth_record(
            pregnancy=pregnancy,
            user=request.user,
            birth_date=d["birth_date"],
            gestational_age_weeks=d["gestational_age_weeks"],
            gestational_age_days=d["gestational_age_days"] or 0,
            children=form.children_data(),
        )
        messages.success(
            request, "La naissance est enregistrée ; le calendrier de l'enfant est calculé."
        )
        return redirect("pathway:family_detail", family.pk)
    return render(
        request,
        "pathway/birth_form.html",
        {"family": family, "pregnancy": pregnancy, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@professional_required
def pregnancy_postpartum_risk(request, family_id, pregnancy_id):
    family = _family(request, family_id, "pathway:pregnancy_postpartum_risk")
    pregnancy = _pregnancy(family, pregnancy_id)
    form = PostpartumRiskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.pregnancy_flag_postpartum_risk(
            pregnancy=pregnancy, user=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, "Le second entretien postnatal est ajouté au calendrier.")
        return redirect("pathway:family_detail", family.pk)
    return render(
        request,
        "pathway/postpartum_risk_form.html",
        {"family": family, "pregnancy": pregnancy, "form": form},
        status=422 if request.method == "POST" else 200,
    )
