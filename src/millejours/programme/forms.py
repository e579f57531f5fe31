"""Forms of the programme domain (French labels and messages)."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from millejours.audit.uploads import validate_upload
from millejours.territory.models import Commune

from . import vocab
from .models import (
    ActionItem,
    BudgetLine,
    Event,
    Fiche,
    FichePartner,
    FicheState,
    Indicator,
    IndicatorValue,
    OperationalObjective,
    Participation,
    Partner,
    PublicCode,
    Session,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class FicheForm(forms.ModelForm):
    call_objectives = forms.TypedMultipleChoiceField(
        label="Objectifs des appels à projets régionaux « 1000 premiers jours »",
        choices=vocab.call_objective_choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Fiche
        fields = [
            "title",
            "carrier",
            "mission",
            "framework",
            "theme",
            "state",
            "public_code",
            "preamble",
            "context",
            "territorial_indicators",
            "general_objective",
            "target_public",
            "description",
            "prerequisites",
            "start_date",
            "start_label",
            "duration_months",
            "duration_label",
            "references",
        ]
        widgets = {
            "start_date": DATE_INPUT,
            **{
                f: forms.Textarea(attrs={"rows": 4})
                for f in (
                    "preamble",
                    "context",
                    "territorial_indicators",
                    "general_objective",
                    "target_public",
                    "description",
                    "prerequisites",
                    "references",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["call_objectives"] = list(
                self.instance.call_objectives.values_list("code", flat=True)
            )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("Le libellé de l'action est obligatoire.")
        return title


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = OperationalObjective
        fields = ["text"]
        labels = {"text": "Objectif opérationnel"}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ActionForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["text"]
        labels = {"text": "Action"}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["year", "expense_item", "funder", "funder_kind", "forecast", "actual"]


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["label", "source"]


class FichePartnerForm(forms.ModelForm):
    class Meta:
        model = FichePartner
        fields = ["partner", "role", "details"]


def _formset(model, form, extra=0):
    return inlineformset_factory(Fiche, model, form=form, extra=extra, can_delete=True)


FICHE_FORMSETS = {
    "objectives": (
        _formset(OperationalObjective, ObjectiveForm),
        "Objectifs opérationnels",
        "Ajouter un objectif",
    ),
    "actions": (_formset(ActionItem, ActionForm), "Actions", "Ajouter une action"),
    "partners": (
        _formset(FichePartner, FichePartnerForm),
        "Partenaires et co-financeurs",
        "Ajouter un partenaire",
    ),
    "budget": (
        _formset(BudgetLine, BudgetLineForm),
        "Budget par année et financeur",
        "Ajouter une ligne de budget",
    ),
    "indicators": (
        _formset(Indicator, IndicatorForm),
        "Indicateurs de suivi",
        "Ajouter un indicateur",
    ),
}


class IndicatorValueForm(forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["indicator", "year", "target", "actual"]

    def __init__(self, *args, fiche=None, **kwargs):
        super().__init__(*args, **kwargs)
        if fiche is not None:
            self.fields["indicator"].queryset = fiche.indicators.all()


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label="Recherche", required=False)
    theme = forms.ChoiceField(
        label="Thème", required=False, choices=lambda: [("", "Tous")] + vocab.theme_choices()
    )
    objective = forms.ChoiceField(
        label="Objectif de l'appel à projets",
        required=False,
        choices=lambda: (
            [("", "Tous")] + [(str(c), label) for c, label in vocab.call_objective_choices()]
        ),
    )
    public = forms.ChoiceField(
        label="Public", required=False, choices=[("", "Tous")] + PublicCode.choices
    )
    state = forms.ChoiceField(
        label="État", required=False, choices=[("", "Tous")] + FicheState.choices
    )


class FicheImportForm(forms.Form):
    file = forms.FileField(label="Fichier JSON (schéma millejours.fiche/1)")

    def clean_file(self):
        f = self.cleaned_data["file"]
        validate_upload(f, allowed={"json"}, max_bytes=2 * 1024 * 1024)
        return f


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
        widgets = {"convention_signed_on": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "structure": "Facultatif : la structure telle qu'elle figure dans l'annuaire des ressources."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["name"].help_text = "Vide : le nom de la structure de l'annuaire."

    def clean_convention_file(self):
        f = self.cleaned_data.get("convention_file")
        if isinstance(f, UploadedFile):  # a new file (not the one already stored)
            validate_upload(f, allowed={"pdf", "png", "jpeg"})
        return f

    def clean(self):
        data = super().clean()
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
    starts_at = forms.DateTimeField(label="Date et heure", widget=DATETIME_INPUT)
    commune = forms.ModelChoiceField(
        label="Commune", queryset=Commune.objects.all(), required=False
    )
    place = forms.CharField(label="Lieu", required=False)

    class Meta:
        model = Event
        fields = ["title", "organiser", "kind", "theme"]

    def clean_organiser(self):
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
            "starts_at": DATETIME_INPUT,
            "ends_at": DATETIME_INPUT,
            "speakers": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from millejours.accounts.models import PROFESSIONAL_ROLES, Role, User

        self.fields["speakers"].queryset = User.objects.filter(
            role__in=[*PROFESSIONAL_ROLES, Role.COORDINATOR]
        )

    def clean(self):
        data = super().clean()
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


class SatisfactionForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Dans l'ensemble, cette séance vous a-t-elle plu ?"),
        coerce=int,
        choices=[(5, _("5 — Beaucoup")), (4, "4"), (3, "3"), (2, "2"), (1, _("1 — Pas du tout"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une note.")},
    )
    useful = forms.TypedChoiceField(
        label=_("Ce que vous avez appris vous sera-t-il utile ?"),
        coerce=lambda v: v == "oui",
        choices=[("oui", _("Oui")), ("non", _("Non"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Répondez par oui ou non.")},
    )
    would_recommend = forms.TypedChoiceField(
        label=_("Recommanderiez-vous cet atelier à d'autres parents ?"),
        coerce=lambda v: v == "oui",
        choices=[("oui", _("Oui")), ("non", _("Non"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Répondez par oui ou non.")},
    )
    comment = forms.CharField(
        label=_("Un commentaire ? (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["user", "fiche", "session", "date", "role", "hours"]
        widgets = {"date": DATE_INPUT}
        labels = {
            "user": "Professionnel",
            "fiche": "Fiche action",
            "session": "Séance (facultatif)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from millejours.accounts.models import PROFESSIONAL_ROLES, Role, User

        self.fields["user"].queryset = User.objects.filter(
            role__in=[*PROFESSIONAL_ROLES, Role.COORDINATOR]
        )
        self.fields["session"].queryset = Session.objects.select_related("event").order_by(
            "-starts_at"
        )

    def clean_hours(self):
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

    def clean_file(self):
        f = self.cleaned_data["file"]
        validate_upload(f, allowed={"ics", "csv"})
        return f
