"""The NIR (numéro de sécurité sociale): 13 characters + a 2-digit key, via python-stdnum."""

from __future__ import annotations

from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError
from stdnum.fr import nir as stdnum_nir

from .errors import InvalidInput


def normalise_nir(value: str) -> str:
    """The compact NIR (15 characters, Corsica 2A/2B kept) or ``InvalidInput`` in French."""
    try:
        return stdnum_nir.validate(value)
    except InvalidChecksum:
        raise InvalidInput(
            "La clé du numéro de sécurité sociale (NIR) est incorrecte : vérifiez les 15 chiffres.",
            "nir_key",
        ) from None
    except InvalidLength:
        raise InvalidInput(
            "Le numéro de sécurité sociale (NIR) doit compter 15 caractères (13 + la clé à 2 chiffres).",
            "nir_length",
        ) from None
    except (InvalidFormat, ValidationError):
        raise InvalidInput(
            "Le numéro de sécurité sociale (NIR) n'a pas un format valide.", "nir_format"
        ) from None
