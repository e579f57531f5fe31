"""The CPTS prevention programme: fiches action, events, registrations, partners, funding
and the professionals' participation.

A *fiche action* follows the layout of the CPTS / PMI fiches (seeds 000 and 002): titled
sections, lists of objectives and actions, partners and co-funders, a budget per year and
funder, follow-up indicators with a target per year and the actual value.

The models live in one module per sub-domain; every one is imported here so that Django
finds them all and callers keep importing from ``programme.models``.
"""

from .events import (
    PARENT_KINDS,
    Event,
    EventKind,
    Registration,
    RegistrationKind,
    RegistrationStatus,
    SatisfactionResponse,
    Session,
)
from .fiches import (
    HEADING_FIELDS,
    ActionItem,
    Fiche,
    FicheCallObjective,
    FicheState,
    Mission,
    OperationalObjective,
    PublicCode,
)
from .indicators import Indicator, IndicatorSource, IndicatorValue
from .participation import Participation, ParticipationRole
from .partners import BudgetLine, FichePartner, FunderKind, Partner, PartnerKind, PartnerRole

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
