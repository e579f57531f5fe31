"""Forms of events, sessions, registrations and the satisfaction questionnaire."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from millejours.accounts.models import PROFESSIONAL_ROLES, Role, User
from millejours.lib.forms import DateTimeInput
from millejours.territory.models import Commune

from ..models import (
    Event,
    Session,
)

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "fiche",
            "kind",
            "theme",
            "description",
            "is_public",
            "organiser",
            "communes",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "communes": forms.SelectMultiple(attrs={"size": 6}),
        }


class ExternalActionForm(forms.ModelForm):
    starts_at = forms.DateTimeField(label="Date et heure", widget=DateTimeInput())
    commune = forms.ModelChoiceField(
        label="Commune", queryset=Commune.objects.all(), required=False
    )
    place = forms.CharField(label="Lieu", required=False)

    class Meta:
        model = Event
        fields = ["title", "organiser", "kind", "theme"]

    def clean_organiser(self) -> str:
        value = self.cleaned_data["organiser"].strip()
        if not value:
            raise forms.ValidationError("Indiquez l'acteur qui organise cette action.")
        return value


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "starts_at",
            "ends_at",
            "commune",
            "place",
            "capacity",
            "speakers",
            "speakers_text",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "speakers": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelMultipleChoiceField, self.fields["speakers"]
        ).queryset = User.objects.filter(role__in=[*PROFESSIONAL_ROLES, Role.COORDINATOR])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", "La fin doit être postérieure au début.")
        return data


class RegistrationForm(forms.Form):
    first_name = forms.CharField(label=_("Prénom"), max_length=100)
    last_name = forms.CharField(label=_("Nom"), max_length=100)
    email = forms.EmailField(
        label=_("Adresse électronique"),
        error_messages={"invalid": _("Saisissez une adresse électronique valide.")},
    )
    phone = forms.CharField(label=_("Téléphone (facultatif)"), max_length=20, required=False)
    consent = forms.BooleanField(
        label=_(
            "J'accepte que mes coordonnées soient utilisées uniquement pour cet atelier (confirmation, rappel, questionnaire)."
        ),
        error_messages={"required": _("Votre accord est nécessaire pour vous inscrire.")},
    )


def _yes_no(label: str | _StrPromise) -> forms.TypedChoiceField:
    """A required « oui » / « non » question, cleaned to a boolean."""
    return forms.TypedChoiceField(
        label=label,
        coerce=lambda v: v == "oui",
        choices=[("oui", _("Oui")), ("non", _("Non"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Répondez par oui ou non.")},
    )


class SatisfactionForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Dans l'ensemble, cette séance vous a-t-elle plu ?"),
        coerce=int,
        choices=[(5, _("5 — Beaucoup")), (4, "4"), (3, "3"), (2, "2"), (1, _("1 — Pas du tout"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une note.")},
    )
    useful = _yes_no(_("Ce que vous avez appris vous sera-t-il utile ?"))
    would_recommend = _yes_no(_("Recommanderiez-vous cet atelier à d'autres parents ?"))
    comment = forms.CharField(
        label=_("Un commentaire ? (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
