"""``FastSelect`` prints what ``forms.Select`` prints with Django's templates: plain and
grouped choices, a selected value, boolean and escaped attributes, translated labels."""

import pytest
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy

from millejours.directory.forms import SearchForm
from millejours.lib.widgets import FastSelect

CHOICES = [
    ("", gettext_lazy("Tous")),
    ("a", "Allaitement"),
    ('x"<y>', "Ça & <b>là</b>"),
    (3, 3),
    ("Groupe <1>", [("g1", "Un"), ("g2", "Deux")]),
]


def pair(value, attrs=None):
    class Form(forms.Form):
        field = forms.ChoiceField(choices=CHOICES, required=False)
        fast = forms.ChoiceField(choices=CHOICES, required=False, widget=FastSelect)

    form = Form({"field": value, "fast": value})
    for name in ("field", "fast"):
        form.fields[name].widget.attrs.update(attrs or {})
    return str(form["field"]).replace("field", "fast"), str(form["fast"])


@pytest.mark.parametrize("value", ["", "a", 'x"<y>', "3", "g2", "absent"])
def test_same_html_as_the_select_templates(value):
    template, fast = pair(value, {"disabled": True, "hidden": False, "data-x": 'a"b&'})
    assert fast == template


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
def test_the_directory_search_selects_are_unchanged(language):
    with translation.override(language):
        for data in ({}, {"rayon": "20", "theme": "famille--parentalite", "public": "?"}):
            fast = SearchForm(data, private=False)
            for name in ("rayon", "theme", "type", "public"):
                slow = SearchForm(data, private=False)
                slow.fields[name].widget.__class__ = forms.Select
                assert str(fast[name]) == str(slow[name])
