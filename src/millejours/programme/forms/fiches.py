"""Forms of the fiches: the fiche, its formsets, the catalogue filter, the JSON import."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model
from django.forms import BaseInlineFormSet, inlineformset_factory

from millejours.audit.uploads import validate_upload
from millejours.lib.forms import DateInput

from .. import vocab
from ..models import (
    HEADING_FIELDS,
    ActionItem,
    BudgetLine,
    Fiche,
    FichePartner,
    FicheState,
    Indicator,
    IndicatorValue,
    OperationalObjective,
    PublicCode,
)

# The fiche's titled sections (free texts), in the order of the CPTS / PMI fiches.
SECTION_TEXTS = (
    "preamble",
    "context",
    "territorial_indicators",
    "general_objective",
    "target_public",
    "description",
    "prerequisites",
)


class FicheForm(forms.ModelForm):
    call_objectives = forms.TypedMultipleChoiceField(
        label="Objectifs des appels à projets régionaux « 1000 premiers jours »",
        choices=vocab.call_objective_choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Fiche
        fields = [
            *HEADING_FIELDS,
            "public_code",
            *SECTION_TEXTS,
            "start_date",
            "start_label",
            "duration_months",
            "duration_label",
            "references",
        ]
        widgets = {
            "start_date": DateInput(),
            **{f: forms.Textarea(attrs={"rows": 4}) for f in (*SECTION_TEXTS, "references")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["call_objectives"] = list(
                self.instance.call_objectives.values_list("code", flat=True)
            )

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("Le libellé de l'action est obligatoire.")
        return title


def _text_item_form(
    model: type[OperationalObjective] | type[ActionItem], label: str
) -> type[forms.ModelForm]:
    """The form of one item of a fiche's list (an objective, an action): its text."""
    return forms.modelform_factory(
        model,
        fields=["text"],
        labels={"text": label},
        widgets={"text": forms.Textarea(attrs={"rows": 2})},
    )


ObjectiveForm = _text_item_form(OperationalObjective, "Objectif opérationnel")
ActionForm = _text_item_form(ActionItem, "Action")


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["year", "expense_item", "funder", "funder_kind", "forecast", "actual"]


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["label", "source"]


class FichePartnerForm(forms.ModelForm):
    class Meta:
        model = FichePartner
        fields = ["partner", "role", "details"]


def _formset(
    model: type[Model], form: type[forms.ModelForm], extra: int = 0
) -> type[BaseInlineFormSet]:
    return inlineformset_factory(Fiche, model, form=form, extra=extra, can_delete=True)


FICHE_FORMSETS = {
    "objectives": (
        _formset(OperationalObjective, ObjectiveForm),
        "Objectifs opérationnels",
        "Ajouter un objectif",
    ),
    "actions": (_formset(ActionItem, ActionForm), "Actions", "Ajouter une action"),
    "partners": (
        _formset(FichePartner, FichePartnerForm),
        "Partenaires et co-financeurs",
        "Ajouter un partenaire",
    ),
    "budget": (
        _formset(BudgetLine, BudgetLineForm),
        "Budget par année et financeur",
        "Ajouter une ligne de budget",
    ),
    "indicators": (
        _formset(Indicator, IndicatorForm),
        "Indicateurs de suivi",
        "Ajouter un indicateur",
    ),
}


class IndicatorValueForm(forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["indicator", "year", "target", "actual"]

    def __init__(self, *args: Any, fiche: Fiche | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if fiche is not None:
            cast(forms.ModelChoiceField, self.fields["indicator"]).queryset = fiche.indicators.all()


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label="Recherche", required=False)
    theme = forms.ChoiceField(
        label="Thème", required=False, choices=lambda: [("", "Tous")] + vocab.theme_choices()
    )
    objective = forms.ChoiceField(
        label="Objectif de l'appel à projets",
        required=False,
        choices=lambda: (
            [("", "Tous")] + [(str(c), label) for c, label in vocab.call_objective_choices()]
        ),
    )
    public = forms.ChoiceField(
        label="Public", required=False, choices=[("", "Tous")] + PublicCode.choices
    )
    state = forms.ChoiceField(
        label="État", required=False, choices=[("", "Tous")] + FicheState.choices
    )


class FicheImportForm(forms.Form):
    file = forms.FileField(label="Fichier JSON (schéma millejours.fiche/1)")

    def clean_file(self) -> UploadedFile:
        f = self.cleaned_data["file"]
        validate_upload(f, allowed={"json"}, max_bytes=2 * 1024 * 1024)
        return f
