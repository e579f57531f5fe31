"""Form widgets rendered without templates, for choice lists long enough to matter.

``FastSelect`` is ``forms.Select`` whose HTML is formatted in Python: the same markup as
Django's ``select.html`` / ``select_option.html`` / ``attrs.html`` templates (compared in
``tests/lib/test_widgets.py``), for about a tenth of the time. The directory's search form
has ≈ 120 options (themes, types, publics): ≈ 7 ms of template includes per page before
(issue 12, load test).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _text(value: object) -> str:
    """``{{ value|stringformat:'s' }}``: the ``%s`` text, escaped."""
    return str(conditional_escape("%s" % (value,)))  # noqa: UP031 (plain str, as the filter)


def _var(value: object) -> str:
    """``{{ value }}``: the text, escaped (safe strings as they are)."""
    return str(conditional_escape(value if isinstance(value, str) else str(value)))


def attrs_html(attrs: dict[str, Any]) -> str:
    """What ``django/forms/widgets/attrs.html`` prints for ``attrs``."""
    out = []
    for name, value in attrs.items():
        if value is not False:
            out.append(f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"')
    return "".join(out)


class FastSelect(forms.Select):
    """``forms.Select`` with the same HTML, formatted in Python (no option groups' cost)."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        out = [f'<select name="{_text(widget["name"])}"{attrs_html(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                out.append(f'\n  <optgroup label="{_var(group_name)}">')
            for option in options:
                out.append(
                    f'\n  <option value="{_text(option["value"])}"'
                    f"{attrs_html(option['attrs'])}>{_var(option['label'])}</option>\n"
                )
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))
