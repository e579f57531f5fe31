from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from millejours.audit.uploads import validate_upload
from millejours.lib.widgets import FastSelect

from . import vocabulary
from .edits import EDITABLE
from .models import Status
from .start import parent_theme_choices

RADIUS_CHOICES = [("2", "2 km"), ("5", "5 km"), ("10", "10 km"), ("20", "20 km"), ("50", "50 km")]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Adresse, commune ou code postal"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "address-level2"}),
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)
    rayon = forms.TypedChoiceField(
        label=_("Rayon"),
        choices=RADIUS_CHOICES,
        coerce=float,
        initial="10",
        required=False,
        widget=FastSelect,
    )
    # ≈ 120 options in all: formatted in Python (lib/widgets.py), the same HTML
    theme = forms.ChoiceField(label=_("Thématique"), required=False, widget=FastSelect)
    type = forms.ChoiceField(label=_("Type de structure"), required=False, widget=FastSelect)
    public = forms.ChoiceField(label=_("Public"), required=False, widget=FastSelect)
    ouvert = forms.BooleanField(label=_("Ouvert maintenant"), required=False)

    def __init__(self, *args, private: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        themes = vocabulary.theme_choices()
        if not private:  # parents: perinatal and parenting themes first, no job-search themes
            themes = parent_theme_choices(themes)
        self.fields["theme"].choices = [("", _("Toutes"))] + themes  # type: ignore[attr-defined]
        self.fields["type"].choices = [("", _("Tous"))] + sorted(  # type: ignore[attr-defined]
            vocabulary.typologies().items(), key=lambda kv: kv[1]
        )
        self.fields["public"].choices = [("", _("Tous"))] + sorted(  # type: ignore[attr-defined]
            vocabulary.publics().items(), key=lambda kv: kv[1]
        )

    def has_location(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("q")) or (data.get("lat") is not None and data.get("lon") is not None)

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise forms.ValidationError(
                "Position incomplète : latitude et longitude vont ensemble."
            )
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier (CSV, XLSX ou JSON data·inclusion)",
        help_text="Colonnes minimales : id, nom, structure, typologie, thematiques, adresse, code_insee, "
        "latitude, longitude, telephone, courriel, horaires.",
    )
    source = forms.SlugField(
        label="Nom de la source",
        required=False,
        help_text="Réimporter la même source met à jour les fiches au lieu de les dupliquer.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, allowed={"csv", "xlsx", "json"}, max_bytes=20 * 1024 * 1024)
        return upload


class ServiceEditForm(forms.Form):
    """What a partner keeps up to date: hours, contact, themes, publics, status."""

    opening_hours = forms.CharField(
        label="Horaires (format OpenStreetMap)",
        required=False,
        max_length=300,
        help_text="Exemple : « Mo-Fr 09:00-12:00,14:00-17:00 ; PH off ». Un texte libre est gardé tel quel.",
    )
    phone = forms.CharField(label="Téléphone", required=False, max_length=30)
    email = forms.EmailField(label="Courriel", required=False)
    website = forms.URLField(label="Site web", required=False, assume_scheme="https")
    private_contact_name = forms.CharField(
        label="Contact réservé aux professionnels", required=False, max_length=200
    )
    private_phone = forms.CharField(
        label="Téléphone réservé aux professionnels", required=False, max_length=30
    )
    private_email = forms.EmailField(label="Courriel réservé aux professionnels", required=False)
    thematiques = forms.MultipleChoiceField(
        label="Thématiques", required=False, widget=forms.CheckboxSelectMultiple
    )
    publics = forms.MultipleChoiceField(
        label="Publics", required=False, widget=forms.CheckboxSelectMultiple
    )
    status = forms.ChoiceField(label="Statut")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thematiques"].choices = vocabulary.theme_choices()
        self.fields["publics"].choices = sorted(vocabulary.publics().items(), key=lambda kv: kv[1])
        self.fields["status"].choices = Status.choices

    @classmethod
    def for_service(cls, service, data=None):
        return cls(data, initial={name: getattr(service, name) for name in EDITABLE})

    def clean_publics(self):
        publics = self.cleaned_data["publics"]
        if "tous-publics" in publics and len(publics) > 1:
            raise forms.ValidationError("« Tous publics » ne se combine pas avec d'autres publics.")
        return publics
