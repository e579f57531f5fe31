from django import forms

from millejours.lib.forms import text_area_field


class ValidationForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput)
    code = forms.CharField(widget=forms.HiddenInput)
    version = forms.CharField(widget=forms.HiddenInput)
    comment = text_area_field(
        "Commentaire",
        rows=2,
        max_length=2000,
        required="Indiquez un commentaire (ce qui a été vérifié).",
        help_text="Ce que vous avez vérifié (texte source, décision retenue).",
    )
