"""``{{ radio|radio_input }}`` gives the radio button ``{{ radio.tag }}`` gave (the EPDS and
EPP questionnaires), blank, answered, with errors, and with values to escape."""

import pytest
from django import forms

from millejours.screening import questionnaires
from millejours.screening.forms import QuestionnaireForm
from millejours.screening.templatetags.questionnaire_inputs import radio_input


def radios(form):
    return [
        radio
        for field in form
        for radio in field
        if isinstance(field.field.widget, forms.RadioSelect)
    ]


@pytest.mark.parametrize("code", ["epds", "epp"])
def test_the_questionnaire_radios_are_the_widget_template_output(code):
    q = questionnaires.get(code)
    first = q.choice_items[0]
    answered = QuestionnaireForm(q, {first.code: first.options[0].code})
    answered.is_valid()
    for form in (QuestionnaireForm(q), answered):
        buttons = radios(form)
        assert buttons
        assert [radio_input(r) for r in buttons] == [r.tag() for r in buttons]
    assert any(" checked" in radio_input(r) for r in radios(answered))


def test_attributes_and_values_are_escaped_like_the_template():
    class Odd(forms.Form):
        pick = forms.ChoiceField(
            choices=[('a"<b>', "A"), ("&", "B")],
            widget=forms.RadioSelect(attrs={"data-x": '"1" & <2>', "disabled": True}),
            required=False,
        )

    buttons = radios(Odd({"pick": "&"}))
    assert [radio_input(r) for r in buttons] == [r.tag() for r in buttons]
    assert 'value="a&quot;&lt;b&gt;"' in radio_input(buttons[0])
