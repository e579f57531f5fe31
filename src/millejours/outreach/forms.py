from __future__ import annotations

from django import forms
from django.utils import timezone

from millejours.audit.uploads import validate_upload
from millejours.lib.forms import DateInput
from millejours.pathway.calendar.rules import get_rules
from millejours.pathway.models import Family

from . import sms
from .models import WEEKDAY_LABELS, RecontactKind, Sequence, SequenceStep, VisitBy

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier de déclarations (CSV ou XLSX)",
        help_text="Colonnes : nom, prenom, date_naissance, nir, telephone, email, code_insee, code_postal, "
        "commune, ddr, dpa, date_declaration, primipare, source.",
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        validate_upload(uploaded, allowed={"csv", "xlsx"}, max_bytes=MAX_UPLOAD_BYTES)
        return uploaded


class SequenceForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label="Jours d'envoi",
        coerce=int,
        choices=list(enumerate(WEEKDAY_LABELS)),
        widget=forms.CheckboxSelectMultiple,
        required=True,
        error_messages={"required": "Choisissez au moins un jour d'envoi."},
    )

    class Meta:
        model = Sequence
        fields = ["name", "active", "send_from", "send_until", "weekdays"]
        widgets = {
            "send_from": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "send_until": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        data = super().clean()
        if (
            data.get("send_from")
            and data.get("send_until")
            and data["send_from"] >= data["send_until"]
        ):
            self.add_error("send_until", "L'heure de fin doit suivre l'heure de début.")
        return data


def milestone_choices(current: str = "") -> list[tuple[str, str]]:
    """(code, label) of the calendar's steps, one per code, sorted by label."""
    labels: dict[str, str] = {}
    for rule in get_rules().rules:
        labels.setdefault(rule.code, rule.label)
    if current and current not in labels:
        labels[current] = f"Étape inconnue du calendrier ({current})"
    return sorted(labels.items(), key=lambda item: item[1].lower())


class StepForm(forms.ModelForm):
    class Meta:
        model = SequenceStep
        fields = [
            "stage",
            "delay_days",
            "channel",
            "subject",
            "body",
            "stop_milestone",
            "first_child_only",
            "active",
            "order",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "body": "Variables : " + ", ".join("{" + name + "}" for name in sms.VARIABLES),
            "stop_milestone": "Le message n'est pas envoyé si cette étape du calendrier est déjà faite.",
            "delay_days": "Jours ajoutés au début de l'étape (négatif : avant).",
        }

    # The texts in the families' other languages (French fallback when left empty).
    OTHER_LANGUAGES = (("en", "anglais"), ("ar", "arabe"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        translations = self.instance.translations or {}
        for code, name in self.OTHER_LANGUAGES:
            text = translations.get(code, {})
            self.fields[f"subject_{code}"] = forms.CharField(
                label=f"Objet en {name} (courriel)",
                max_length=200,
                required=False,
                initial=text.get("subject", ""),
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=f"Texte en {name}",
                required=False,
                initial=text.get("body", ""),
                help_text="Facultatif : sans texte, les familles de cette langue reçoivent le message en français.",
                widget=forms.Textarea(attrs={"rows": 4, "lang": code, "dir": "auto"}),
            )
        # The calendar's steps by their labels, never by their internal codes.
        self.fields["stop_milestone"] = forms.ChoiceField(
            label=self.fields["stop_milestone"].label,
            required=False,
            help_text=self.fields["stop_milestone"].help_text,
            choices=[("", "— aucune —"), *milestone_choices(self.instance.stop_milestone)],
        )

    def clean_body(self):
        return self._checked_body(self.cleaned_data["body"].strip())

    def _checked_body(self, body: str) -> str:
        unknown = sms.unknown_variables(body)
        if unknown:
            raise forms.ValidationError(
                "Variable inconnue : " + ", ".join("{" + u + "}" for u in unknown) + "."
            )
        if "{lien_desinscription}" not in body:
            raise forms.ValidationError(
                "Le message doit contenir {lien_desinscription} (désinscription obligatoire)."
            )
        return body

    def clean(self):
        data = super().clean()
        if data.get("channel") == "email" and not data.get("subject"):
            self.add_error("subject", "Un courriel a besoin d'un objet.")
        translations = {}
        for code, _name in self.OTHER_LANGUAGES:
            body = (data.get(f"body_{code}") or "").strip()
            if not body:
                continue
            try:
                body = self._checked_body(body)
            except forms.ValidationError as exc:
                self.add_error(f"body_{code}", exc)
                continue
            translations[code] = {
                "subject": (data.get(f"subject_{code}") or "").strip(),
                "body": body,
            }
        self.instance.translations = translations
        return data


class RecontactForm(forms.Form):
    reference = forms.CharField(
        label="Référence de la famille", max_length=12, help_text="Par exemple F-7KQ2M9XA."
    )
    kind = forms.ChoiceField(label="Type", choices=RecontactKind.choices)
    visit_by = forms.ChoiceField(
        label="Visite réalisée par", choices=VisitBy.choices, required=False
    )
    occurred_on = forms.DateField(label="Date", widget=DateInput())
    note = forms.CharField(
        label="Note", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip().upper()
        family = Family.objects.filter(reference=reference).first()
        if family is None:
            raise forms.ValidationError("Aucune famille avec cette référence.")
        self.family = family
        return reference

    def clean_occurred_on(self):
        value = self.cleaned_data["occurred_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("La date ne peut pas être dans le futur.")
        return value

    def clean(self):
        data = super().clean()
        if data.get("kind") == RecontactKind.VISIT and not data.get("visit_by"):
            self.add_error("visit_by", "Précisez qui a fait la visite.")
        if data.get("kind") != RecontactKind.VISIT:
            data["visit_by"] = ""
        return data
