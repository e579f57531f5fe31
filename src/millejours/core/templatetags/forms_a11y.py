"""Accessible form rendering: link help texts and error messages to their field."""

from django import template

register = template.Library()


@register.simple_tag
def a11y_widget(field):
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_help")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    attrs = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs) if attrs else field.as_widget()
