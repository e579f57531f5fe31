"""Forms of the pathway pages: French messages, nothing saved when a form is invalid.

The checks themselves are the pure helpers of ``millejours.lib`` (dates, NIR, phone);
forms turn their ``InvalidInput`` into field errors.

Sub-modules: ``common`` (commune field, the ``lib`` check), ``families``, ``milestones``,
``people`` (invitations, care team); every form is importable from ``pathway.forms``.
"""

from __future__ import annotations

from .common import (
    INSEE_RE,
    MAX_FETUSES,
    CommuneField,
    _check,
    find_commune,
    gestational_age_today,
)
from .families import (
    BirthForm,
    FamilyForm,
    ParentForm,
    PregnancyForm,
)
from .milestones import (
    MilestoneDoneForm,
    PostpartumRiskForm,
)
from .people import (
    CareTeamAddForm,
    InvitationAcceptForm,
    InvitationForm,
)

__all__ = [
    "BirthForm",
    "CareTeamAddForm",
    "CommuneField",
    "FamilyForm",
    "INSEE_RE",
    "InvitationAcceptForm",
    "InvitationForm",
    "MAX_FETUSES",
    "MilestoneDoneForm",
    "ParentForm",
    "PostpartumRiskForm",
    "PregnancyForm",
    "_check",
    "find_commune",
    "gestational_age_today",
]
