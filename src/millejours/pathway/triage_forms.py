"""Forms of the worklist triage: « reporter », « non réalisé », bulk action bar, search."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from millejours.lib.forms import DateInput

from .triage import ACTIONS, REASON_MAX


class PostponeForm(forms.Form):
    to = forms.DateField(label="Nouvelle date", widget=DateInput())
    reason = forms.CharField(label="Motif du report", max_length=REASON_MAX)

    def clean_to(self):
        value = self.cleaned_data["to"]
        if value < timezone.localdate():
            raise forms.ValidationError("La nouvelle date doit être aujourd'hui ou plus tard.")
        return value


class MissedForm(forms.Form):
    reason = forms.CharField(label="Motif (facultatif)", max_length=REASON_MAX, required=False)


class BulkForm(forms.Form):
    """The action bar under the worklist (checkboxes ``etapes``); works without JS."""

    etapes = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=False)
    action = forms.ChoiceField(label="Action", choices=list(ACTIONS.items()))
    fait_le = forms.DateField(label="Réalisé le (fait)", required=False, widget=DateInput())
    date = forms.DateField(label="Nouvelle date (reporter)", required=False, widget=DateInput())
    motif = forms.CharField(label="Motif", max_length=REASON_MAX, required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        # The ids are checked by the service (visibility, open state): any int is accepted here.
        self.fields["etapes"].valid_value = lambda value: str(value).isdigit()

    def clean(self):
        data = super().clean()
        if not data.get("etapes"):
            raise forms.ValidationError("Sélectionnez au moins une étape.")
        if data.get("action") == "reporter":
            if not data.get("date"):
                self.add_error("date", "Indiquez la nouvelle date du report.")
            elif data["date"] < timezone.localdate():
                self.add_error("date", "La nouvelle date doit être aujourd'hui ou plus tard.")
            if not (data.get("motif") or "").strip():
                self.add_error("motif", "Indiquez le motif du report.")
        return data
