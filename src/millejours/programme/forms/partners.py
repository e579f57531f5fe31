"""The partner form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from millejours.audit.uploads import validate_upload
from millejours.lib.forms import DateInput

from ..models import (
    Partner,
)


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = [
            "structure",
            "name",
            "kind",
            "convention_signed_on",
            "convention_file",
            "contact_name",
            "contact_email",
            "contact_phone",
            "notes",
        ]
        widgets = {"convention_signed_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "structure": "Facultatif : la structure telle qu'elle figure dans l'annuaire des ressources."
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["name"].help_text = "Vide : le nom de la structure de l'annuaire."

    def clean_convention_file(self) -> Any:
        f = self.cleaned_data.get("convention_file")
        if isinstance(f, UploadedFile):  # a new file (not the one already stored)
            validate_upload(f, allowed={"pdf", "png", "jpeg"})
        return f

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not (data.get("name") or "").strip():
            structure = data.get("structure")
            if structure is None:
                self.add_error(
                    "name",
                    "Indiquez le nom du partenaire ou choisissez une structure de l'annuaire.",
                )
            else:
                data["name"] = structure.name
                if (
                    Partner.objects.exclude(pk=self.instance.pk)
                    .filter(name=structure.name)
                    .exists()
                ):
                    self.add_error("name", "Un partenaire porte déjà ce nom.")
        return data
