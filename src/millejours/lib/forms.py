"""Form pieces shared by every app: HTML5 date inputs, date and free-text fields in French."""

from __future__ import annotations

from typing import Any

from django import forms

INVALID_DATE = "Date invalide (jj/mm/aaaa)."


class DateInput(forms.DateInput):
    """``<input type="date">`` with an ISO value, the one format browsers show and send."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    """``<input type="datetime-local">`` with an ISO value (minutes)."""

    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def date_field(label: str, *, required: str = "", **kwargs: Any) -> forms.DateField:
    """A date picker; ``required``: the message when it is left empty (none: optional)."""
    messages = {"invalid": INVALID_DATE} | ({"required": required} if required else {})
    return forms.DateField(
        label=label, required=bool(required), widget=DateInput(), error_messages=messages, **kwargs
    )


def text_area_field(
    label: str, *, rows: int, max_length: int, required: str, help_text: str = ""
) -> forms.CharField:
    """A free text that must be filled in; ``required``: the message when it is left empty.

    Surrounding white space is stripped first, so a text of spaces counts as empty.
    """
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=max_length,
        help_text=help_text,
        error_messages={"required": required},
    )
