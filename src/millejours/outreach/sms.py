"""SMS length and segments (GSM 03.38 vs UCS-2), and message templates. Pure functions.

A message that only uses the GSM-7 alphabet (basic set; the extension set ``^{}\\[~]|€``
counts two septets) fits 160 characters in one SMS, 153 per segment when concatenated.
One character outside it (``ç``, ``ê``, ``â``, ``î``, ``ô``, ``û``, an emoji…) switches the
whole message to UCS-2: 70 characters in one SMS, 67 per segment (UTF-16 code units, so
an emoji counts two).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GSM7_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
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


def sms_length(text: str) -> SmsLength:
    forcing = tuple(dict.fromkeys(c for c in text if c not in _BASIC and c not in _EXTENSION))
    if not forcing:
        units = sum(2 if c in _EXTENSION else 1 for c in text)
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = 70, 67, "UCS-2"
    if units <= single:
        segments, per_segment = (1 if units else 0), single
    else:
        per_segment = multi
        segments = -(-units // multi)
    capacity = max(segments, 1) * per_segment
    return SmsLength(encoding, units, segments, per_segment, capacity - units, forcing)


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
