"""Forms of a family record: the family, its parents, a pregnancy, a birth."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone

from millejours.lib.dates import check_birth, check_lmp, lmp_from_due_date
from millejours.lib.errors import InvalidInput
from millejours.lib.forms import DateInput
from millejours.lib.nir import normalise_nir
from millejours.lib.phone import normalise_mobile

from ..models import ParentRole, Pregnancy, Sex
from ..services.families import PREGNANCY_CLINICAL_FIELDS, PREGNANCY_RECORD_FIELDS
from .common import MAX_FETUSES, CommuneField, _check


class FamilyForm(forms.Form):
    display_name = forms.CharField(
        label="Nom du foyer",
        max_length=200,
        required=False,
        help_text="Laissez vide pour « Foyer » suivi du nom du premier parent.",
    )
    commune = CommuneField()
    address = forms.CharField(label="Adresse", max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].widget.attrs.update(
            {
                "list": "communes-suggestions",
                "autocomplete": "off",
                "hx-get": reverse("pathway:commune_search"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#communes-suggestions",
                "hx-swap": "innerHTML",
            }
        )


class ParentForm(forms.Form):
    role = forms.ChoiceField(label="Rôle", choices=ParentRole.choices, initial=ParentRole.MOTHER)
    first_name = forms.CharField(label="Prénom", max_length=100)
    last_name = forms.CharField(label="Nom", max_length=100)
    birth_date = forms.DateField(label="Date de naissance", required=False, widget=DateInput())
    nir = forms.CharField(
        label="Numéro de sécurité sociale (NIR)",
        max_length=25,
        required=False,
        help_text="15 chiffres, clé comprise (facultatif).",
    )
    phone = forms.CharField(
        label="Téléphone mobile",
        max_length=25,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        help_text="Un mobile : 06 12 34 56 78, +33 6…, ou un mobile d'outre-mer (+262, +590, +594, +596).",
    )
    email = forms.EmailField(label="Courriel", required=False)

    def __init__(self, *args: Any, optional: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.optional = optional
        if optional:  # the second parent: names required only once something is entered
            self.fields["first_name"].required = self.fields["last_name"].required = False

    def is_empty(self) -> bool:
        keys = ("first_name", "last_name", "birth_date", "nir", "phone", "email")
        return not any(self.cleaned_data.get(k) for k in keys)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.optional and not self.is_empty():
            for key in ("first_name", "last_name"):
                if not data.get(key) and key not in self.errors:
                    self.add_error(
                        key, "Ce champ est obligatoire si vous renseignez le second parent."
                    )
        return data

    def clean_nir(self) -> Any:
        value = self.cleaned_data["nir"].strip()
        return _check(normalise_nir, value) if value else ""

    def clean_phone(self) -> Any:
        value = self.cleaned_data["phone"].strip()
        return _check(normalise_mobile, value) if value else ""

    def clean_birth_date(self) -> Any:
        value = self.cleaned_data.get("birth_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError("La date de naissance ne peut pas être dans le futur.")
        return value


class PregnancyForm(forms.Form):
    """DDR or DPA (one of them); DPA given → DDR = DPA − 287 days."""

    lmp = forms.DateField(
        label="Date des dernières règles (DDR)", required=False, widget=DateInput()
    )
    due_date = forms.DateField(
        label="Ou date prévue d'accouchement (DPA)",
        required=False,
        widget=DateInput(),
        help_text="Si la DDR n'est pas connue : la DDR est calculée (DPA − 287 jours).",
    )
    declared_on = forms.DateField(
        label="Date de déclaration de grossesse", required=False, widget=DateInput()
    )
    fetus_count = forms.TypedChoiceField(
        label="Nombre d'enfants attendus",
        coerce=int,
        initial=1,
        choices=[(1, "1"), (2, "2 (jumeaux)"), (3, "3 (triplés)"), (4, "4")],
    )
    first_child = forms.BooleanField(label="Premier enfant (primipare)", required=False)
    # Facts used by the calendar rules (docs/calendar.md).
    mother_immunocompromised = forms.BooleanField(
        label="Mère immunodéprimée",
        required=False,
        help_text="Le bébé gardera l'immunisation contre la bronchiolite (VRS) même si la mère est vaccinée (HAS 2024).",
    )
    bmi_25_or_more = forms.BooleanField(
        label="IMC avant la grossesse supérieur ou égal à 25", required=False
    )
    family_history_type2_diabetes = forms.BooleanField(
        label="Diabète de type 2 chez un parent du 1er degré (père, mère, frère, sœur)",
        required=False,
    )
    previous_gestational_diabetes_or_macrosomia = forms.BooleanField(
        label="Antécédent de diabète gestationnel ou d'enfant macrosome",
        required=False,
        help_text="Avec l'âge de 35 ans ou plus (calculé depuis la date de naissance de la mère), ces facteurs "
        "ajoutent le dépistage ciblé du diabète gestationnel entre 24 et 28 SA.",
    )
    CLINICAL_FIELDS = PREGNANCY_CLINICAL_FIELDS
    INITIAL_FIELDS = PREGNANCY_RECORD_FIELDS

    def __init__(self, *args: Any, birth_date: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.birth_date = birth_date  # known birth: an old DDR is fine, but not after the birth

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        lmp, due = data.get("lmp"), data.get("due_date")
        if self.errors:
            return data
        if lmp and due:
            raise forms.ValidationError(
                "Indiquez la DDR ou la DPA, pas les deux.", code="both_lmp_due"
            )
        if not lmp and not due:
            raise forms.ValidationError(
                "Indiquez la date des dernières règles (DDR) ou la date prévue d'accouchement (DPA).",
                code="no_lmp",
            )
        if due:
            lmp = lmp_from_due_date(due)
        assert lmp is not None  # one of the two dates was given (checked above)
        field = "lmp" if data.get("lmp") else "due_date"
        try:
            check_lmp(lmp, today=timezone.localdate(), birth_date=self.birth_date)
            if self.birth_date:
                check_birth(self.birth_date, lmp=lmp, today=timezone.localdate())
        except InvalidInput as exc:
            self.add_error(field, forms.ValidationError(exc.message, code=exc.code))
            return data
        data["lmp"] = lmp
        declared = data.get("declared_on")
        if declared and (declared < lmp or declared > timezone.localdate()):
            self.add_error(
                "declared_on",
                "La date de déclaration doit être comprise entre la DDR et aujourd'hui.",
            )
        return data

    def pregnancy_data(self) -> dict:
        d = self.cleaned_data
        return {
            "lmp": d["lmp"],
            "declared_on": d.get("declared_on"),
            "fetus_count": d["fetus_count"],
            "first_child": d["first_child"],
            **{name: bool(d.get(name)) for name in self.CLINICAL_FIELDS},
        }


class BirthForm(forms.Form):
    """The birth of the child or children of one pregnancy (one block per child)."""

    birth_date = forms.DateField(label="Date de naissance", widget=DateInput())
    gestational_age_weeks = forms.IntegerField(
        label="Terme à la naissance (SA)",
        min_value=22,
        max_value=45,
        required=False,
        help_text="Laissez vide pour le calculer à partir de la DDR.",
    )
    gestational_age_days = forms.IntegerField(
        label="et jours", min_value=0, max_value=6, required=False
    )

    def __init__(self, *args: Any, pregnancy: Pregnancy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pregnancy = pregnancy
        self.child_count = max(1, min(pregnancy.fetus_count, MAX_FETUSES))
        for i in range(1, self.child_count + 1):
            suffix = f" de l'enfant {i}" if self.child_count > 1 else " de l'enfant"
            self.fields[f"child_{i}_first_name"] = forms.CharField(
                label="Prénom" + suffix, max_length=100, required=False
            )
            self.fields[f"child_{i}_sex"] = forms.ChoiceField(
                label="Sexe" + suffix, choices=Sex.choices, initial=Sex.UNKNOWN
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        birth = data.get("birth_date")
        if not birth:
            return data
        try:
            weeks, days = check_birth(birth, lmp=self.pregnancy.lmp, today=timezone.localdate())
        except InvalidInput as exc:
            self.add_error("birth_date", forms.ValidationError(exc.message, code=exc.code))
            return data
        if data.get("gestational_age_weeks") is None:
            data["gestational_age_weeks"], data["gestational_age_days"] = weeks, days
        elif data.get("gestational_age_days") is None:
            data["gestational_age_days"] = 0
        return data

    def children_data(self) -> list[dict]:
        return [
            {
                "first_name": self.cleaned_data.get(f"child_{i}_first_name", ""),
                "sex": self.cleaned_data.get(f"child_{i}_sex") or Sex.UNKNOWN,
            }
            for i in range(1, self.child_count + 1)
        ]
