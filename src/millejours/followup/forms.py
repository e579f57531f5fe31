from __future__ import annotations

from django import forms
from django.utils import timezone

from millejours.lib.forms import date_field, text_area_field

from .models import ContactChannel, GoalStatus


def _not_in_future(value, label):
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"{label} ne peut pas être dans le futur.")
    return value


class ContactForm(forms.Form):
    occurred_on = date_field("Date du contact", required="Indiquez la date du contact.")
    channel = forms.ChoiceField(
        label="Type de contact",
        choices=ContactChannel.choices,
        error_messages={"required": "Choisissez le type de contact."},
    )
    summary = text_area_field(
        "Compte rendu",
        rows=4,
        max_length=5000,
        required="Le compte rendu est obligatoire.",
        help_text="Visible uniquement par la personne référente ; chiffré dans la base.",
    )

    def clean_occurred_on(self):
        return _not_in_future(self.cleaned_data.get("occurred_on"), "La date du contact")


class GoalForm(forms.Form):
    title = forms.CharField(
        label="Objectif", max_length=200, error_messages={"required": "Décrivez l'objectif."}
    )
    target_date = date_field("Échéance (facultative)")


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="État", choices=GoalStatus.choices, error_messages={"invalid_choice": "État inconnu."}
    )


class ReviewForm(forms.Form):
    held_on = date_field("Date de la synthèse", required="Indiquez la date de la synthèse.")
    participants = forms.CharField(label="Participants", max_length=300, required=False)
    summary = text_area_field(
        "Synthèse et décisions",
        rows=6,
        max_length=10000,
        required="La synthèse est obligatoire.",
    )
