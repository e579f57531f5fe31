"""Forms built from the questionnaire data (one field per item)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from millejours.lib.forms import text_area_field

from . import questionnaires


class QuestionnaireForm(forms.Form):
    """Radio buttons for choice items, text areas for free text; validated by the engine."""

    def __init__(self, questionnaire: questionnaires.Questionnaire, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        for item in questionnaire.items:
            label = f"{item.number}. {item.text}" if item.number else item.text
            field: forms.Field
            if item.type == "choice":
                field = forms.ChoiceField(
                    label=label,
                    choices=[(o.code, o.label) for o in item.options],
                    widget=forms.RadioSelect,
                    required=item.required and not item.show_if,
                    error_messages={
                        "required": gettext("Répondez à la question « %(question)s ».")
                        % {"question": item.text}
                    },
                )
            else:
                field = forms.CharField(
                    label=label,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    max_length=5000,
                )
            field.item = item  # type: ignore[union-attr]  # read by the template
            self.fields[item.code] = field

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.answers = self.questionnaire.clean(
                {k: v for k, v in data.items() if v not in (None, "")}
            )
        except questionnaires.AnswerError as exc:
            raise forms.ValidationError(str(exc)) from None
        return data

    def sections(self):
        """(section, [bound fields]) in order, for templates."""
        titles = {s["code"]: s["title"] for s in self.questionnaire.sections}
        out: list[tuple[str, list]] = []
        for name, field in self.fields.items():
            section = titles.get(field.item.section, "")
            if not out or out[-1][0] != section:
                out.append((section, []))
            out[-1][1].append(self[name])
        return out


class ContactRequestForm(forms.Form):
    name = forms.CharField(label=_("Votre prénom (ou un nom)"), max_length=100)
    phone = forms.CharField(label=_("Téléphone"), max_length=20, required=False)
    email = forms.EmailField(label=_("Courriel"), required=False)
    consent = forms.BooleanField(
        label=_(
            "J'accepte d'être recontactée par un professionnel de la périnatalité de mon territoire"
        ),
        error_messages={
            "required": _("Votre accord est nécessaire pour que nous vous recontactions.")
        },
    )

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(
                _("Indiquez un téléphone ou un courriel pour être recontactée.")
            )
        return data


class AlertCloseForm(forms.Form):
    action_taken = text_area_field(
        "Action réalisée",
        rows=3,
        max_length=2000,
        required="Décrivez l'action réalisée pour clore l'alerte.",
        help_text="Obligatoire pour clore l'alerte (appel, rendez-vous, orientation…).",
    )


class FlagConfirmForm(forms.Form):
    decision = forms.ChoiceField(
        label="Décision",
        choices=[("confirme", "Confirmer le repérage"), ("ecarte", "Écarter")],
        widget=forms.RadioSelect,
        initial="confirme",
    )
    consent_share = forms.BooleanField(
        label="La famille consent au partage de ce repérage avec son équipe de soins",
        required=False,
    )
