from django import forms

from millejours.audit.models import ConsentScope
from millejours.lib.forms import date_field


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label="Motif de l'accès exceptionnel",
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Obligatoire. Expliquez la situation qui justifie d'ouvrir ce dossier hors de l'équipe de soins.",
        error_messages={
            "required": "Le motif est obligatoire.",
            "min_length": "Décrivez le motif en au moins 10 caractères.",
        },
    )
    confirm = forms.BooleanField(
        label="Je confirme que cet accès est nécessaire à la prise en charge et sais qu'il est signalé au DPO et à la famille.",
        error_messages={"required": "Cochez la case de confirmation."},
    )


class ConsentChangeForm(forms.Form):
    scope = forms.ChoiceField(
        choices=ConsentScope.choices, error_messages={"invalid_choice": "Consentement inconnu."}
    )
    action = forms.ChoiceField(
        choices=[("donner", "Donner"), ("retirer", "Retirer")],
        error_messages={"invalid_choice": "Action inconnue."},
    )


class AccessLogSearchForm(forms.Form):
    family = forms.IntegerField(
        label="N° de dossier",
        required=False,
        min_value=1,
        error_messages={"invalid": "Saisissez un numéro de dossier."},
    )
    person = forms.CharField(label="Personne", required=False, max_length=100)
    date_from = date_field("Du")
    date_to = date_field("Au")
    break_glass = forms.BooleanField(label="Bris de glace uniquement", required=False)


class ErasureForm(forms.Form):
    legal_basis = forms.CharField(
        label="Base légale et demande",
        max_length=300,
        help_text="Par exemple : « Demande d'effacement du 02/03/2026 (art. 17 RGPD), hors obligation de conservation ».",
        error_messages={"required": "Indiquez la base légale de la suppression."},
    )
    confirm = forms.BooleanField(
        label="Je confirme la suppression définitive de ce dossier.",
        error_messages={"required": "Cochez la case de confirmation."},
    )
