"""Forms of the check-up pages (the questionnaire itself is read from the data file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms

from millejours.directory.models import Service, Status
from millejours.lib.forms import date_field

from . import questionnaire
from .models import Progress

if TYPE_CHECKING:
    from millejours.directory.models import Service


def answers_from_post(post) -> tuple[dict, dict]:
    """(answers, motivation) from a posted check-up (field names come from the data file)."""
    q = questionnaire.get()
    answers = {}
    for qu in q.questions:
        answers[qu.code] = post.get(qu.code, "")
        if qu.knowledge:
            answers[qu.knowledge.code] = post.get(qu.knowledge.code, "")
    motivation = {
        d: {
            "talk": post.get(f"{d}-talk") == "oui",
            "importance": post.get(f"{d}-importance", ""),
            "confidence": post.get(f"{d}-confidence", ""),
        }
        for d in q.domain_codes
    }
    return answers, motivation


def resources_queryset(family):
    qs = Service.objects.filter(status=Status.PUBLISHED).select_related("commune")
    dept = family.commune.insee_code[:2] if family.commune_id else ""
    local = qs.filter(postcode__startswith=dept) if dept else qs
    return (local if local.exists() else qs).order_by("name")


class GoalForm(forms.Form):
    domain = forms.ChoiceField(label="Domaine", required=False)
    words = forms.CharField(
        label="L'objectif, avec les mots de la personne",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    first_steps = forms.CharField(
        label="Premiers pas",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    review_on = date_field("À revoir le")
    resources: forms.ModelMultipleChoiceField[Service] = forms.ModelMultipleChoiceField(
        label="Ressources de l'annuaire",
        required=False,
        queryset=None,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        q = questionnaire.get()
        self.fields["domain"].choices = [("", "—"), *((d.code, d.label) for d in q.domains)]
        self.fields["resources"].queryset = resources_queryset(family)


class PlanForm(forms.Form):
    consent_share = forms.BooleanField(
        label="La personne accepte que son équipe de soins voie ce plan", required=False
    )


class GoalReviewForm(forms.Form):
    progress = forms.ChoiceField(label="Avancement", choices=Progress.choices)
    note = forms.CharField(
        label="Note", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_review_on = date_field("Prochaine revue (si l'objectif continue)")


class FlagReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirme", "Confirmer"), ("ecarte", "Écarter")])
