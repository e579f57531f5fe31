"""The family pathway: families (foyers), parents, pregnancies, children and milestones.

A *pathway* is one pregnancy with its child or children, from the pregnancy declaration
to the second birthday of the child. A family may have several pathways over the years.
Milestones are computed by the calendar engine (``pathway.calendar``) from data rules.

Sub-modules: ``families`` (families, parents, pregnancies, children), ``careteam``,
``milestones``, ``links`` (iCal feeds, parent invitations). Every model is importable from
``millejours.pathway.models``, and so is every vocabulary (they live in ``pathway.choices``).
"""

from __future__ import annotations

from ..choices import (
    OPEN_STATES,
    RECORDED_STATES,
    CareTeamRole,
    FamilyStatus,
    IdentityStatus,
    MilestoneState,
    ParentRole,
    PregnancyOutcome,
    Sex,
    Subject,
)
from .careteam import CareTeamMember
from .families import (
    CORRECTED_AGE_TERM_DAYS,
    DPA_OFFSET_DAYS,
    MOTHER_AGE_RISK,
    Child,
    Family,
    Parent,
    Pregnancy,
    age_label,
    age_on,
    months_between,
    new_reference,
)
from .links import (
    CalendarFeed,
    ParentInvitation,
)
from .milestones import (
    Milestone,
)

__all__ = [
    "CORRECTED_AGE_TERM_DAYS",
    "CalendarFeed",
    "CareTeamMember",
    "CareTeamRole",
    "Child",
    "DPA_OFFSET_DAYS",
    "Family",
    "FamilyStatus",
    "IdentityStatus",
    "MOTHER_AGE_RISK",
    "Milestone",
    "MilestoneState",
    "OPEN_STATES",
    "Parent",
    "ParentInvitation",
    "ParentRole",
    "Pregnancy",
    "PregnancyOutcome",
    "RECORDED_STATES",
    "Sex",
    "Subject",
    "age_label",
    "age_on",
    "months_between",
    "new_reference",
]
