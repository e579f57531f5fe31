"""The professionals' participation and the shared agenda's import."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile

from millejours.accounts.models import PROFESSIONAL_ROLES, Role, User
from millejours.audit.uploads import validate_upload
from millejours.lib.forms import DateInput

from .. import vocab
from ..models import (
    Participation,
    Session,
)


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["user", "fiche", "session", "date", "role", "hours"]
        widgets = {"date": DateInput()}
        labels = {
            "user": "Professionnel",
            "fiche": "Fiche action",
            "session": "Séance (facultatif)",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["user"]).queryset = User.objects.filter(
            role__in=[*PROFESSIONAL_ROLES, Role.COORDINATOR]
        )
        cast(
            forms.ModelChoiceField, self.fields["session"]
        ).queryset = Session.objects.select_related("event").order_by("-starts_at")

    def clean_hours(self) -> Decimal:
        hours = self.cleaned_data["hours"]
        if hours is None or hours <= 0:
            raise forms.ValidationError("La durée doit être supérieure à zéro.")
        if hours > 24:
            raise forms.ValidationError("Une participation ne peut pas dépasser 24 heures.")
        return hours


class AgendaImportForm(forms.Form):
    file = forms.FileField(label="Fichier iCalendar (.ics) ou CSV")
    theme = forms.ChoiceField(
        label="Thème par défaut", choices=vocab.theme_choices, initial="autre"
    )
    organiser = forms.CharField(label="Organisateur (iCalendar)", required=False)

    def clean_file(self) -> UploadedFile:
        f = self.cleaned_data["file"]
        validate_upload(f, allowed={"ics", "csv"})
        return f
