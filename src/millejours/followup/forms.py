from __future__ import annotations

from django import forms
from django.utils import timezone

from .models import ContactChannel, GoalStatus


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _not_in_future(value, label):
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"{label} ne peut pas être dans le futur.")
    return value


class ContactForm(forms.Form):
    occurred_on = forms.DateField(
        label="Date du contact",
        widget=DateInput(),
        error_messages={
            "required": "Indiquez la date du contact.",
            "invalid": "Date invalide (jj/mm/aaaa).",
        },
    )
    channel = forms.ChoiceField(
        label="Type de contact",
        choices=ContactChannel.choices,
        error_messages={"required": "Choisissez le type de contact."},
    )
    summary = forms.CharField(
        label="Compte rendu",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Visible uniquement par la personne référente ; chiffré dans la base.",
        error_messages={"required": "Le compte rendu est obligatoire."},
    )

    def clean_occurred_on(self):
        return _not_in_future(self.cleaned_data.get("occurred_on"), "La date du contact")


class GoalForm(forms.Form):
    title = forms.CharField(
        label="Objectif", max_length=200, error_messages={"required": "Décrivez l'objectif."}
    )
    target_date = forms.DateField(
        label="Échéance (facultative)",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Date invalide (jj/mm/aaaa)."},
    )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("Décrivez l'objectif.")
        return title


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="État", choices=GoalStatus.choices, error_messages={"invalid_choice": "État inconnu."}
    )


class ReviewForm(forms.Form):
    held_on = forms.DateField(
        label="Date de la synthèse",
        widget=DateInput(),
        error_messages={
            "required": "Indiquez la date de la synthèse.",
            "invalid": "Date invalide (jj/mm/aaaa).",
        },
    )
    participants = forms.CharField(label="Participants", max_length=300, required=False)
    summary = forms.CharField(
        label="Synthèse et décisions",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": "La synthèse est obligatoire."},
    )
