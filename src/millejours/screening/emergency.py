"""French emergency numbers shown with alerts and orientations (one place, with sources).

Each number is dialled with a ``tel:`` link, except 114 (deaf or hard-of-hearing people,
or when speaking is dangerous) which takes an SMS: an ``sms:`` link.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

NUMBERS_SOURCE = "https://www.gouvernement.fr/risques/connaitre-les-numeros-d-urgence"


@dataclass(frozen=True)
class EmergencyNumber:
    number: str
    label: str | Promise  # translated on the parent pages (docs/langues.md)
    scheme: str  # "tel" | "sms"
    source: str

    @property
    def href(self) -> str:
        return f"{self.scheme}:{self.number}"


EMERGENCY_NUMBERS: dict[str, EmergencyNumber] = {
    n.number: n
    for n in (
        EmergencyNumber(
            "3114",
            _("numéro national de prévention du suicide, gratuit, 24 h/24 et 7 j/7"),
            "tel",
            "https://3114.fr/",
        ),
        EmergencyNumber("15", _("SAMU, en cas d'urgence médicale"), "tel", NUMBERS_SOURCE),
        EmergencyNumber("112", _("numéro d'urgence européen"), "tel", NUMBERS_SOURCE),
        EmergencyNumber(
            "3919",
            _("Violences Femmes Info, gratuit et anonyme, 24 h/24"),
            "tel",
            "https://arretonslesviolences.gouv.fr/",
        ),
        EmergencyNumber(
            "17", _("police ou gendarmerie, en cas de danger immédiat"), "tel", NUMBERS_SOURCE
        ),
        EmergencyNumber(
            "114",
            _("urgence par SMS, quand parler est impossible ou dangereux"),
            "sms",
            NUMBERS_SOURCE,
        ),
        EmergencyNumber(
            "119", _("Allô enfance en danger, 24 h/24"), "tel", "https://www.allo119.gouv.fr/"
        ),
        EmergencyNumber("115", _("hébergement d'urgence (Samu social)"), "tel", NUMBERS_SOURCE),
    )
}

# The numbers to give with a positive item 10 (docs/screening.md; https://3114.fr/).
SUICIDE_PREVENTION = ("3114", "15", "112")


def get(number: str) -> EmergencyNumber:
    return EMERGENCY_NUMBERS[str(number)]
