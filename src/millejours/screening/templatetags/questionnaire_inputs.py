"""``{{ radio|radio_input }}``: one radio button of a questionnaire, without a template.

The same ``<input>`` as ``{{ radio.tag }}`` (Django's ``radio_option.html`` →
``input_option.html`` → ``input.html`` → ``attrs.html``), formatted in Python: the EPDS
page shows 40 of them, ≈ 6 ms of template rendering per page before (issue 12, load
test). ``tests/screening/test_questionnaire_inputs.py`` pins the equality.
"""

from __future__ import annotations

from django import template
from django.forms.boundfield import BoundWidget
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _text(value: object) -> str:
    """``{{ value|stringformat:'s' }}``: the ``%s`` text, escaped."""
    return str(conditional_escape("%s" % (value,)))  # noqa: UP031 (plain str, as the filter)


@register.filter
def radio_input(radio: BoundWidget) -> SafeString:
    """The radio ``<input>`` of ``radio`` (a ``BoundWidget`` of a ``RadioSelect``)."""
    widget = radio.data
    out = [f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"']
    if widget["value"] is not None:
        out.append(f' value="{_text(widget["value"])}"')
    for name, value in widget["attrs"].items():
        if value is not False:
            out.append(f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"')
    out.append(">")
    return mark_safe("".join(out))
