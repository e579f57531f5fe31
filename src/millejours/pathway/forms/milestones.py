"""Forms of the milestones: marked done, post-partum risk."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from millejours.lib.forms import DateInput

from ..models import Milestone
from ..services.milestones import check_done_on


class MilestoneDoneForm(forms.Form):
    done_on = forms.DateField(label="Réalisé le", widget=DateInput())
    note = forms.CharField(
        label="Note (facultatif)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Pas d'information médicale détaillée : elle figure dans votre dossier de soins.",
    )

    def __init__(self, *args: Any, milestone: Milestone, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"done_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.milestone = milestone
        self.fields["done_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_done_on(self) -> Any:
        value = self.cleaned_data["done_on"]
        check_done_on(self.milestone, value)  # one rule, shared with the bulk « fait »
        return value


class PostpartumRiskForm(forms.Form):
    reason = forms.CharField(
        label="Motif (signes ou facteurs de risque de dépression du post-partum)",
        max_length=300,
    )
