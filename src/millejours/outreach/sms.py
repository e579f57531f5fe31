"""SMS length and segments (GSM 03.38 vs UCS-2), and message templates. Pure functions.

A message that only uses the GSM-7 alphabet (basic set; the extension set ``^{}\\[~]|€``
counts two septets) fits 160 characters in one SMS, 153 per segment when concatenated.
One character outside it (``ç``, ``ê``, ``â``, ``î``, ``ô``, ``û``, an emoji…) switches the
whole message to UCS-2: 70 characters in one SMS, 67 per segment (UTF-16 code units, so
an emoji counts two).

Concatenated segments are filled the way phones and operators split them: an extension
character (escape + code, two septets) never straddles two segments, nor does a UTF-16
surrogate pair (an emoji). When only one unit is left in a segment and the next character
needs two, that unit stays empty and the character opens the next segment (3GPP TS 23.038
§6.2.1.1 and TS 23.040 §9.2.3.24.1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GSM7_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = "^{}\\[~]|€\f"
_BASIC = frozenset(GSM7_BASIC)
_EXTENSION = frozenset(GSM7_EXTENSION)


@dataclass(frozen=True)
class SmsLength:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int
    per_segment: int  # capacity of a segment for this message (160/153 or 70/67)
    remaining: int  # units left in the last segment
    forcing: tuple[str, ...]  # characters that forced UCS-2

    @property
    def label(self) -> str:
        chars = "caractère" if self.units <= 1 else "caractères"
        return f"{self.units} {chars} ({self.encoding}) : {self.segments} SMS"


def _unit_sizes(text: str) -> tuple[str, list[int]]:
    """The encoding and the size (septets or UTF-16 units) of each character of ``text``."""
    if all(c in _BASIC or c in _EXTENSION for c in text):
        return "GSM-7", [2 if c in _EXTENSION else 1 for c in text]
    return "UCS-2", [2 if ord(c) > 0xFFFF else 1 for c in text]


def _segments(sizes: list[int], capacity: int) -> tuple[int, int]:
    """``(segments, units used in the last one)`` filling ``capacity`` units per segment
    without ever splitting a character."""
    segments, used = 1, 0
    for size in sizes:
        if used + size > capacity:
            segments, used = segments + 1, 0
        used += size
    return segments, used


def sms_length(text: str) -> SmsLength:
    encoding, sizes = _unit_sizes(text)
    forcing = tuple(dict.fromkeys(c for c in text if c not in _BASIC and c not in _EXTENSION))
    single, multi = (160, 153) if encoding == "GSM-7" else (70, 67)
    units = sum(sizes)
    if units == 0:
        return SmsLength(encoding, 0, 0, single, single, forcing)
    if units <= single:
        return SmsLength(encoding, units, 1, single, single - units, forcing)
    segments, last = _segments(sizes, multi)
    return SmsLength(encoding, units, segments, multi, multi - last, forcing)


# --- Templates ------------------------------------------------------------------------------

VARIABLES = {
    "prenom": "prénom du parent",
    "nom": "nom du parent",
    "lien_desinscription": "lien pour ne plus recevoir de messages",
    "date_terme": "date prévue d'accouchement (JJ/MM/AAAA)",
    "telephone_pmi": "numéro de la PMI",
    "structure": "nom de la structure qui écrit",
}
SAMPLE = {
    "prenom": "Camille",
    "nom": "Martin",
    "lien_desinscription": "https://millejours.fr/aller-vers/d/Ab3dE5gH7jK9",
    "date_terme": "14/06/2027",
    "telephone_pmi": "05 61 00 00 00",
    "structure": "PMI du Lauragais",
}
VARIABLE_RE = re.compile(r"\{([a-z_]+)\}")


def unknown_variables(template: str) -> list[str]:
    return sorted({name for name in VARIABLE_RE.findall(template) if name not in VARIABLES})


def render(template: str, values: dict[str, str]) -> str:
    """Replace ``{variable}``; unknown or missing variables become empty strings."""
    return VARIABLE_RE.sub(lambda m: str(values.get(m.group(1), "")), template)
