"""The CPTS prevention programme: fiches action, events, registrations, partners, funding
and the professionals' participation.

A *fiche action* follows the layout of the CPTS / PMI fiches (seeds 000 and 002): titled
sections, lists of objectives and actions, partners and co-funders, a budget per year and
funder, follow-up indicators with a target per year and the actual value.

The models live in one module per sub-domain; every one is imported here so that Django
finds them all and callers keep importing from ``programme.models``. The vocabularies live
in ``programme.choices`` and are re-exported here too.
"""

from ..choices import (
    PARENT_KINDS,
    EventKind,
    FicheState,
    FunderKind,
    IndicatorSource,
    Mission,
    ParticipationRole,
    PartnerKind,
    PartnerRole,
    PublicCode,
    RegistrationKind,
    RegistrationStatus,
)
from .events import Event, Registration, SatisfactionResponse, Session
from .fiches import HEADING_FIELDS, ActionItem, Fiche, FicheCallObjective, OperationalObjective
from .indicators import Indicator, IndicatorValue
from .participation import Participation
from .partners import BudgetLine, FichePartner, Partner

__all__ = [
    "HEADING_FIELDS",
    "ActionItem",
    "BudgetLine",
    "Event",
    "EventKind",
    "Fiche",
    "FicheCallObjective",
    "FichePartner",
    "FicheState",
    "FunderKind",
    "Indicator",
    "IndicatorSource",
    "IndicatorValue",
    "Mission",
    "OperationalObjective",
    "PARENT_KINDS",
    "Participation",
    "ParticipationRole",
    "Partner",
    "PartnerKind",
    "PartnerRole",
    "PublicCode",
    "Registration",
    "RegistrationKind",
    "RegistrationStatus",
    "SatisfactionResponse",
    "Session",
]
