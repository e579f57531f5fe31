"""RPPS number (Répertoire partagé des professionnels de santé): 11 digits, Luhn key."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from stdnum import luhn


def normalise_rpps(value: str) -> str:
    return "".join((value or "").split())


def validate_rpps(value: str) -> None:
    value = normalise_rpps(value)
    if not value.isdigit() or len(value) != 11:
        raise ValidationError("Le numéro RPPS compte 11 chiffres.", code="rpps_format")
    if not luhn.is_valid(value):
        raise ValidationError(
            "Ce numéro RPPS n'est pas valide (clé de contrôle incorrecte).", code="rpps_luhn"
        )
