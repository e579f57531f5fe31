"""French mobile phone numbers (metropolitan France and overseas), via ``phonenumbers``.

National formats (``06 12 34 56 78``, ``0692 12 34 56``) and international ones
(``+33 6…``, ``+262 692…``, ``0033…``) are accepted; the result is E.164. A national
number starting with 0 is read as metropolitan first, then as each overseas region that
shares the French national format (0692/0693 La Réunion, 0639 Mayotte, 0690/0691
Guadeloupe and the northern islands, 0694 Guyane, 0696/0697 Martinique).

Mayotte's country code is +262 (its mobiles start with +262 639); +269 is the Comoros.
"""

from __future__ import annotations

from collections.abc import Iterator

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from .errors import InvalidInput

# Regions under French numbering whose mobiles we accept (FR first).
FRENCH_REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF", "BL", "MF", "PM", "WF", "PF", "NC")
MOBILE_TYPES = (PhoneNumberType.MOBILE,)

NOT_A_MOBILE = (
    "Ce numéro n'est pas un numéro de mobile : indiquez un mobile français "
    "(06 ou 07, ou un mobile d'outre-mer) pour recevoir les SMS."
)


def _candidates(value: str) -> Iterator[phonenumbers.PhoneNumber]:

    for region in FRENCH_REGIONS:
        try:
            yield phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            return


def normalise_mobile(value: str) -> str:
    """E.164 form of a French (or overseas) mobile number, or ``InvalidInput``."""
    raw = (value or "").strip()
    if not raw or not any(ch.isdigit() for ch in raw):
        raise InvalidInput("Indiquez un numéro de téléphone.", "phone_empty")
    seen_valid = False
    for number in _candidates(raw):
        if not phonenumbers.is_valid_number(number):
            continue
        seen_valid = True
        region = phonenumbers.region_code_for_number(number)
        if region in FRENCH_REGIONS and phonenumbers.number_type(number) in MOBILE_TYPES:
            return phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if seen_valid:
        raise InvalidInput(NOT_A_MOBILE, "phone_not_mobile")
    raise InvalidInput(
        "Ce numéro de téléphone n'est pas valide : par exemple 06 12 34 56 78 ou +262 692 12 34 56.",
        "phone_invalid",
    )


def format_mobile(e164: str) -> str:
    """National French display (``06 12 34 56 78``) for metropolitan numbers, else international."""
    try:
        number = phonenumbers.parse(e164, "FR")
    except phonenumbers.NumberParseException:
        return e164
    fmt = (
        PhoneNumberFormat.NATIONAL if number.country_code == 33 else PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)
