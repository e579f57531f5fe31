"""Forms of the people around a family: parent invitations, care-team members."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ..models import CareTeamRole, Family, Parent


class InvitationForm(forms.Form):
    parent: forms.ModelChoiceField[Parent] = forms.ModelChoiceField(
        label="Parent", queryset=None, empty_label=None
    )
    email = forms.EmailField(label="Courriel du parent")

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = cast("forms.ModelChoiceField[Parent]", self.fields["parent"])
        parent.queryset = family.parents.filter(user__isnull=True)
        first = parent.queryset.first()
        if first is not None and not self.is_bound:
            self.initial.setdefault("parent", first.pk)
            self.initial.setdefault("email", first.email)


class InvitationAcceptForm(forms.Form):
    password1 = forms.CharField(
        label=_("Mot de passe"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Au moins 12 caractères."),
    )
    password2 = forms.CharField(
        label=_("Confirmez le mot de passe"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("Les deux mots de passe ne sont pas identiques."))
        return data


class CareTeamAddForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique du professionnel",
        help_text="Le professionnel doit déjà avoir un compte Mille Jours.",
    )
    role = forms.ChoiceField(
        label="Rôle dans l'équipe", choices=CareTeamRole.choices, initial=CareTeamRole.MEMBER
    )

    def __init__(self, *args: Any, can_name_referent: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_name_referent:  # display only: the rule is enforced by ``pathway.careteam``
            self.fields["role"].widget = forms.HiddenInput()

    def clean_email(self) -> Any:
        email = self.cleaned_data["email"].strip().lower()
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None or not user.is_professional or not user.is_active:
            raise forms.ValidationError(
                "Aucun professionnel de santé ou référent n'a de compte avec cette adresse."
            )
        self.user = user
        return email
