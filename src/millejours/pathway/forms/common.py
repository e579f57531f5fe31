"""Shared pieces of the pathway forms: commune field, the ``lib`` check."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.utils import timezone

from millejours.lib.dates import gestational_age
from millejours.lib.errors import InvalidInput
from millejours.territory.models import Commune

MAX_FETUSES = 4
T = TypeVar("T")
INSEE_RE = re.compile(r"\b(\d{5}|2[ABab]\d{3})\b")


def _check(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a ``lib`` helper, turning ``InvalidInput`` into a ``ValidationError``."""
    try:
        return func(*args, **kwargs)
    except InvalidInput as exc:
        raise forms.ValidationError(exc.message, code=exc.code) from None


def find_commune(value: str) -> Commune:
    """A commune from its INSEE code (``31113``, ``31113 Castanet-Tolosan``) or exact name."""
    value = (value or "").strip()
    match = INSEE_RE.search(value)
    if match:
        code = match.group(1).upper()
        commune = Commune.objects.filter(insee_code=code).first()
        if commune is None:
            raise forms.ValidationError(f"Code INSEE inconnu : {code}.", code="unknown_insee")
        return commune
    matches = list(Commune.objects.filter(name__iexact=value)[:5])
    if len(matches) == 1:
        return matches[0]
    if matches:
        codes = ", ".join(f"{c.name} ({c.insee_code})" for c in matches)
        raise forms.ValidationError(
            f"Plusieurs communes portent ce nom : précisez le code INSEE ({codes}).",
            code="ambiguous",
        )
    raise forms.ValidationError(
        "Commune inconnue : indiquez le code INSEE à 5 caractères (par exemple 31113) ou choisissez "
        "une commune dans la liste.",
        code="unknown_commune",
    )


class CommuneField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Commune (code INSEE ou nom)")
        kwargs.setdefault("max_length", 250)
        kwargs.setdefault("help_text", "Par exemple 31113 ou Castanet-Tolosan.")
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Commune | None:
        value = super().clean(value)
        return find_commune(value) if value else None


def gestational_age_today(lmp) -> tuple[int, int] | None:
    try:
        return gestational_age(lmp, timezone.localdate())
    except InvalidInput:
        return None
