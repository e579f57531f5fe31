"""Accessible form rendering: link help texts and error messages to their field, and one
error summary (``{% error_summary %}``) for every invalid form, whatever its markup.

``{% error_summary form other_form formset … %}`` lists every error of the given forms and
formsets, each field error linked to its field (the first option of a group of radios or
checkboxes); ``message=`` adds one error that is not a form's (``anchor=`` the id of the
field it is about). ``app.js`` moves the focus to the summary (``data-error-summary``).
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def a11y_widget(field: BoundField) -> SafeString:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_help")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    attrs: dict[str, str | bool] = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs) if attrs else field.as_widget()


def field_anchor(field: BoundField) -> str:
    """The id a summary link points to: the input itself, or a group's first option."""
    if isinstance(field.field.widget, forms.RadioSelect):  # also CheckboxSelectMultiple
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


def _form_entries(form: forms.BaseForm, suffix: str = "") -> list[dict[str, str]]:
    entries = [
        {"href": f"#{field_anchor(f)}", "text": f"{f.label}{suffix} : {f.errors[0]}"}
        for f in form.visible_fields()
        if f.errors
    ]
    entries += [{"href": "", "text": f"{e}{suffix}"} for e in form.non_field_errors()]
    entries += [{"href": "", "text": str(e)} for f in form.hidden_fields() for e in f.errors]
    return entries


def summary_entries(*items: Any) -> list[dict[str, str]]:
    """Every error of ``items`` (forms or formsets) in page order."""
    entries: list[dict[str, str]] = []
    for item in items:
        if item is None or item == "":
            continue
        if isinstance(item, (list, tuple)):  # a list of forms, or of {"formset": …} entries
            entries += summary_entries(*item)
        elif isinstance(item, dict):
            entries += summary_entries(item.get("formset"))
        elif isinstance(item, forms.BaseFormSet):
            if not item.is_bound:
                continue
            entries += [{"href": "", "text": str(e)} for e in item.non_form_errors()]
            for number, form in enumerate(item.forms, start=1):
                entries += _form_entries(form, f" (ligne {number})")
        elif item.is_bound:
            entries += _form_entries(item)
    return entries


@register.inclusion_tag("core/_error_summary.html")
def error_summary(*items: Any, message: str = "", anchor: str = "", name: str = "form") -> dict:
    entries = summary_entries(*items)
    if message:
        entries.append({"href": f"#{anchor}" if anchor else "", "text": message})
    return {"entries": entries, "name": name or "form"}
