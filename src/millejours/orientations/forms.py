from __future__ import annotations

from django import forms

from millejours.directory import geo
from millejours.directory.models import Service, Status
from millejours.lib.forms import text_area_field

from .models import Origin, SharedContact

NEARBY_KM = 40.0


def services_for_family(family):
    """Services proposed for an orientation: published ones near the family's commune."""
    qs = Service.objects.filter(status=Status.PUBLISHED).select_related("structure", "commune")
    commune = family.commune
    if commune is not None and commune.latitude is not None:
        lat_min, lat_max, lon_min, lon_max = geo.bounding_box(
            commune.latitude, commune.longitude, NEARBY_KM
        )
        qs = qs.filter(latitude__range=(lat_min, lat_max), longitude__range=(lon_min, lon_max))
    return qs.order_by("name")


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        commune = f" — {obj.commune.name}" if obj.commune_id else ""
        return f"{obj.name} ({obj.structure.name}){commune}"


class OrientationForm(forms.Form):
    service = ServiceChoiceField(
        label="Service vers lequel orienter",
        queryset=Service.objects.none(),
        error_messages={
            "required": "Choisissez un service.",
            "invalid_choice": "Ce service n'est pas proposé.",
        },
    )
    origin = forms.ChoiceField(label="Origine", choices=Origin.choices, initial=Origin.FREE)
    reason = text_area_field(
        "Motif de l'orientation",
        rows=4,
        max_length=2000,
        required="Indiquez le motif de l'orientation.",
        help_text="Le strict nécessaire : il sera transmis au partenaire.",
    )
    shared_contact = forms.ChoiceField(
        label="Coordonnée transmise au partenaire",
        choices=SharedContact.choices,
        initial=SharedContact.PHONE,
    )
    consent = forms.BooleanField(
        label="La famille a donné son accord pour que ces informations minimales soient partagées avec le partenaire",
        error_messages={"required": "Le consentement de la famille est obligatoire pour orienter."},
    )

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services_for_family(family)


class RefusalForm(forms.Form):
    reason = forms.CharField(
        label="Motif du refus",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Le motif du refus est obligatoire."},
    )
