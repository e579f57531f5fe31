"""Pregnancies: declaration, edit, birth and post-partum risk."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect

from millejours.accounts.access import professional_required

from .. import services
from ..forms import BirthForm, PostpartumRiskForm, PregnancyForm
from ..models import Family, Pregnancy
from .common import _family, _form_page


@professional_required
def pregnancy_create(request, family_id):
    family = _family(request, family_id, "pathway:pregnancy_create")
    form = PregnancyForm(request.POST or None, prefix="grossesse")
    if request.method == "POST" and form.is_valid():
        services.pregnancy_record(family=family, user=request.user, **form.pregnancy_data())
        messages.success(request, "La grossesse est enregistrée et le calendrier calculé.")
        return redirect("pathway:family_detail", family.pk)
    return _form_page(request, "pathway/pregnancy_form.html", {"family": family, "form": form})


def _family_pregnancy(request, family_id, pregnancy_id, page: str) -> tuple[Family, Pregnancy]:
    """The family (care team only, access logged) and one of its pregnancies (else 404)."""
    family = _family(request, family_id, page)
    return family, get_object_or_404(Pregnancy, pk=pregnancy_id, family=family)


@professional_required
def pregnancy_edit(request, family_id, pregnancy_id):
    """Correct the DDR (or DPA), declaration date, number of fetuses: the calendar follows."""
    family, pregnancy = _family_pregnancy(
        request, family_id, pregnancy_id, "pathway:pregnancy_edit"
    )
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
    return _form_page(
        request,
        "pathway/pregnancy_form.html",
        {"family": family, "form": form, "pregnancy": pregnancy},
    )


@professional_required
def birth_create(request, family_id, pregnancy_id):
    family, pregnancy = _family_pregnancy(request, family_id, pregnancy_id, "pathway:birth_create")
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
    return _form_page(
        request, "pathway/birth_form.html", {"family": family, "pregnancy": pregnancy, "form": form}
    )


@professional_required
def pregnancy_postpartum_risk(request, family_id, pregnancy_id):
    family, pregnancy = _family_pregnancy(
        request, family_id, pregnancy_id, "pathway:pregnancy_postpartum_risk"
    )
    form = PostpartumRiskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.pregnancy_flag_postpartum_risk(
            pregnancy=pregnancy, user=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, "Le second entretien postnatal est ajouté au calendrier.")
        return redirect("pathway:family_detail", family.pk)
    return _form_page(
        request,
        "pathway/postpartum_risk_form.html",
        {"family": family, "pregnancy": pregnancy, "form": form},
    )
