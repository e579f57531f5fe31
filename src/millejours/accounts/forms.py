from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Adresse électronique"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("Adresse électronique ou mot de passe incorrect."),
        "inactive": _("Ce compte est désactivé."),
    }


class OTPCodeForm(forms.Form):
    code = forms.CharField(
        label="Code de vérification",
        max_length=16,
        help_text="Les 6 chiffres affichés par votre application d'authentification, ou un code de secours.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "aria-describedby": "id_code_help",
            }
        ),
        error_messages={"required": "Saisissez le code de vérification."},
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class FrenchPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Saisissez votre adresse électronique."),
            "invalid": _("Saisissez une adresse électronique valide."),
        },
    )


class FrenchSetPasswordForm(SetPasswordForm):
    pass
