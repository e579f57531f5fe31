"""Forms of the pathway pages: French messages, nothing saved when a form is invalid.

The checks themselves are the pure helpers of ``millejours.lib`` (dates, NIR, phone);
forms turn their ``InvalidInput`` into field errors.
"""

from __future__ import annotations

import re

from django import forms
from django.urls import reverse
from django.utils import timezone

from millejours.lib.dates import check_birth, check_lmp, gestational_age, lmp_from_due_date
from millejours.lib.errors import InvalidInput
from millejours.lib.nir import normalise_nir
from millejours.lib.phone import normalise_mobile
from millejours.territory.models import Commune

from .models import CareTeamRole, Parent, ParentRole, Sex

MAX_FETUSES = 4
INSEE_RE = re.compile(r"\b(\d{5}|2[ABab]\d{3})\b")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _check(func, *args, **kwargs):
    """Call a ``lib`` helper, turning ``InvalidInput`` into a ``ValidationError``."""
    try:
        return func(*args, **kwargs)
    except InvalidInput as exc:
        raise forms.ValidationError(exc.message, code=exc.code) from None


def find_commune(value: str) -> Commune:
    """A commune from its INSEE code (``31113``, ``31113 Castanet-Tolosan``) or exact name."""
    value = (value or "").strip()
    match = INSEE_RE.search(value)
    if match:
        code = match.group(1).upper()
        commune = Commune.objects.filter(insee_code=code).first()
        if commune is None:
            raise forms.ValidationError(f"Code INSEE inconnu : {code}.", code="unknown_insee")
        return commune
    matches = list(Commune.objects.filter(name__iexact=value)[:5])
    if len(matches) == 1:
        return matches[0]
    if matches:
        codes = ", ".join(f"{c.name} ({c.insee_code})" for c in matches)
        raise forms.ValidationError(
            f"Plusieurs communes portent ce nom : précisez le code INSEE ({codes}).",
            code="ambiguous",
        )
    raise forms.ValidationError(
        "Commune inconnue : indiquez le code INSEE à 5 caractères (par exemple 31113) ou choisissez "
        "une commune dans la liste.",
        code="unknown_commune",
    )


class CommuneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Commune (code INSEE ou nom)")
        kwargs.setdefault("max_length", 250)
        kwargs.setdefault("help_text", "Par exemple 31113 ou Castanet-Tolosan.")
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return find_commune(value) if value else None


class FamilyForm(forms.Form):
    display_name = forms.CharField(
        label="Nom du foyer",
        max_length=200,
        required=False,
        help_text="Laissez vide pour « Foyer » suivi du nom du premier parent.",
    )
    commune = CommuneField()
    address = forms.CharField(label="Adresse", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
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

    def __init__(self, *args, optional=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.optional = optional
        if optional:  # the second parent: names required only once something is entered
            self.fields["first_name"].required = self.fields["last_name"].required = False

    def is_empty(self) -> bool:
        keys = ("first_name", "last_name", "birth_date", "nir", "phone", "email")
        return not any(self.cleaned_data.get(k) for k in keys)

    def clean(self):
        data = super().clean()
        if self.optional and not self.is_empty():
            for key in ("first_name", "last_name"):
                if not data.get(key) and key not in self.errors:
                    self.add_error(
                        key, "Ce champ est obligatoire si vous renseignez le second parent."
                    )
        return data

    def clean_nir(self):
        value = self.cleaned_data["nir"].strip()
        return _check(normalise_nir, value) if value else ""

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return _check(normalise_mobile, value) if value else ""

    def clean_birth_date(self):
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
    CLINICAL_FIELDS = (
        "mother_immunocompromised",
        "bmi_25_or_more",
        "family_history_type2_diabetes",
        "previous_gestational_diabetes_or_macrosomia",
    )
    INITIAL_FIELDS = ("lmp", "declared_on", "fetus_count", "first_child", *CLINICAL_FIELDS)

    def __init__(self, *args, birth_date=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.birth_date = birth_date  # known birth: an old DDR is fine, but not after the birth

    def clean(self):
        data = super().clean()
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

    def __init__(self, *args, pregnancy, **kwargs):
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

    def clean(self):
        data = super().clean()
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


class MilestoneDoneForm(forms.Form):
    done_on = forms.DateField(label="Réalisé le", widget=DateInput())
    note = forms.CharField(
        label="Note (facultatif)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Pas d'information médicale détaillée : elle figure dans votre dossier de soins.",
    )

    def __init__(self, *args, milestone, **kwargs):
        kwargs.setdefault("initial", {"done_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.milestone = milestone
        self.fields["done_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_done_on(self):
        value = self.cleaned_data["done_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("La date de réalisation ne peut pas être dans le futur.")
        pregnancy = self.milestone.pregnancy
        lmp = pregnancy.lmp
        if value < lmp:
            raise forms.ValidationError(
                f"La date de réalisation ne peut pas précéder le début de la grossesse (DDR au {lmp:%d/%m/%Y})."
            )
        if (
            self.milestone.subject == "grossesse"
            and pregnancy.ended_on
            and value > pregnancy.ended_on
        ):
            raise forms.ValidationError(
                f"Une étape de la grossesse ne peut pas avoir été faite après la naissance "
                f"ou la fin de la grossesse ({pregnancy.ended_on:%d/%m/%Y})."
            )
        return value


class PostpartumRiskForm(forms.Form):
    reason = forms.CharField(
        label="Motif (signes ou facteurs de risque de dépression du post-partum)",
        max_length=300,
    )


class InvitationForm(forms.Form):
    parent: forms.ModelChoiceField[Parent] = forms.ModelChoiceField(
        label="Parent", queryset=None, empty_label=None
    )
    email = forms.EmailField(label="Courriel du parent")

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = family.parents.filter(user__isnull=True)
        first = self.fields["parent"].queryset.first()
        if first is not None and not self.is_bound:
            self.initial.setdefault("parent", first.pk)
            self.initial.setdefault("email", first.email)


class InvitationAcceptForm(forms.Form):
    password1 = forms.CharField(
        label="Mot de passe",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Au moins 12 caractères.",
    )
    password2 = forms.CharField(
        label="Confirmez le mot de passe",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "Les deux mots de passe ne sont pas identiques.")
        return data


def gestational_age_today(lmp) -> tuple[int, int] | None:
    try:
        return gestational_age(lmp, timezone.localdate())
    except InvalidInput:
        return None


class CareTeamAddForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique du professionnel",
        help_text="Le professionnel doit déjà avoir un compte Mille Jours.",
    )
    role = forms.ChoiceField(
        label="Rôle dans l'équipe", choices=CareTeamRole.choices, initial=CareTeamRole.MEMBER
    )

    def __init__(self, *args, can_name_referent: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_name_referent:  # display only: the rule is enforced by ``pathway.careteam``
            self.fields["role"].widget = forms.HiddenInput()

    def clean_email(self):
        from django.contrib.auth import get_user_model

        email = self.cleaned_data["email"].strip().lower()
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None or not user.is_professional or not user.is_active:
            raise forms.ValidationError(
                "Aucun professionnel de santé ou référent n'a de compte avec cette adresse."
            )
        self.user = user
        return email
