from django import forms


class ValidationForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput)
    code = forms.CharField(widget=forms.HiddenInput)
    version = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label="Commentaire",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text="Ce que vous avez vérifié (texte source, décision retenue).",
        error_messages={"required": "Indiquez un commentaire (ce qui a été vérifié)."},
    )
