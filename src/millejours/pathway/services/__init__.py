"""Writes of the pathway domain (one function per business action, audited).

Signatures other domains rely on (keep them stable):

- ``milestone_mark_done(*, milestone, user, done_on, note="") -> Milestone``
- ``pregnancy_flag_postpartum_risk(*, pregnancy, user, reason: str) -> None`` — makes the
  second postnatal interview (``epnp_2``) apply and recomputes the calendar.
- ``families_create_from_declarations`` / ``pregnancies_add_from_declarations`` /
  ``families_update_from_declarations`` — the outreach import's bulk writes (one audit
  event per call, calendar queued with ``pathway.tasks.materialise_pregnancies``).

Care-team changes (add, name a referent, remove, leave) live in ``pathway.careteam``, with
the rule of who may make them.

Sub-modules: ``families`` (``family_create``, ``pregnancy_record``, ``pregnancy_update``,
``child_record`` / ``birth_record`` — twins: several children of one pregnancy),
``milestones`` (``milestone_mark_done`` / ``milestone_mark_not_done``), ``invitations``
(``parent_invite``, ``parent_invitation_accept``, ``calendar_feed_create`` /
``calendar_feed_revoke``), ``declarations`` (bulk, from the outreach import).

Who may write is checked by each service itself, before anything is written (``access``:
a professional who may open the family, or the platform itself with ``user=None``; the
family's own parent for her check-up's step, her post-partum risk and the iCal link):
``PermissionDenied`` otherwise, whichever page or command calls it.

Every service is atomic, writes the audit trail (``audit.services.record_event``) and
calls the calendar engine (``pathway.calendar.materialise``) after a change that moves
dates. Input is validated by the forms (``pathway.forms``, helpers in ``millejours.lib``);
services raise ``django.core.exceptions.ValidationError`` (French message) on a broken
business rule that a form cannot see.
"""

from __future__ import annotations

from .declarations import (
    DeclaredFamily,
    DeclaredMother,
    DeclaredPregnancy,
    MotherIdentity,
    calendar_enqueue,
    families_create_from_declarations,
    families_update_from_declarations,
    pregnancies_add_from_declarations,
)
from .families import (
    PARENT_FIELDS,
    PREGNANCY_CLINICAL_FIELDS,
    PREGNANCY_FIELDS,
    birth_record,
    child_record,
    family_create,
    pregnancy_flag_postpartum_risk,
    pregnancy_record,
    pregnancy_update,
)
from .invitations import (
    INVITATION_VALIDITY,
    calendar_feed_create,
    calendar_feed_revoke,
    find_invitation,
    parent_invitation_accept,
    parent_invite,
)
from .milestones import (
    check_done_on,
    milestone_mark_done,
    milestone_mark_not_done,
    open_state,
)

__all__ = [
    "INVITATION_VALIDITY",
    "PARENT_FIELDS",
    "PREGNANCY_CLINICAL_FIELDS",
    "PREGNANCY_FIELDS",
    "DeclaredFamily",
    "DeclaredMother",
    "MotherIdentity",
    "DeclaredPregnancy",
    "birth_record",
    "calendar_enqueue",
    "calendar_feed_create",
    "calendar_feed_revoke",
    "child_record",
    "families_create_from_declarations",
    "families_update_from_declarations",
    "family_create",
    "find_invitation",
    "check_done_on",
    "milestone_mark_done",
    "milestone_mark_not_done",
    "open_state",
    "parent_invitation_accept",
    "parent_invite",
    "pregnancies_add_from_declarations",
    "pregnancy_flag_postpartum_risk",
    "pregnancy_record",
    "pregnancy_update",
]
