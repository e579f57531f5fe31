"""Who may do what to an orientation: one definition, enforced by the write services.

``services.orientation_transition``, ``orientation_renew_link`` and ``orientation_create``
call these checks themselves, so that no second page, htmx endpoint or command can skip
them; the pages check the same things first (with their own 404/403) and use the action
tables below to read the buttons they receive.

- A **professional** (role professional or referent) acts on the orientations they made or
  of a family whose care team they are in, and only while they may open the family
  (``pathway.selectors.require_professional_access``: care team with consent, or
  break-the-glass). They send, close (« réalisée ») or drop an orientation, and renew its
  signed link; they create one for a family they may open.
- A **partner** (role partner) answers for the services run by its organisations: marks
  the orientation received, accepts, refuses, or closes it (« réalisée »).
- The **signed link** (``links``) answers like a partner without an account: the token
  itself is the authorisation (``services.orientation_answer_by_link``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from millejours.accounts.models import User
from millejours.pathway.selectors import require_professional_access

from .choices import State
from .models import Orientation
from .selectors import orientations_for_professional

# The buttons of each side (form value -> target state).
PRO_ACTIONS = {"envoyer": State.SENT, "realisee": State.DONE, "sans_suite": State.DROPPED}
PARTNER_ACTIONS = {"accepter": State.ACCEPTED, "refuser": State.REFUSED, "realisee": State.DONE}

PRO_TARGETS = frozenset(PRO_ACTIONS.values())
# Reading the orientation marks it received (``State.RECEIVED``), without a button.
PARTNER_TARGETS = frozenset(PARTNER_ACTIONS.values()) | {State.RECEIVED}

NOT_ACCESSIBLE = "Cette orientation n'est pas accessible."
NOT_YOUR_MOVE = "Cette action sur l'orientation ne vous revient pas."


def _is_user(user: Any) -> bool:
    return isinstance(user, User) and user.is_authenticated and user.is_active


def require_professional_on_orientation(user: Any, orientation: Orientation) -> None:
    """``PermissionDenied`` unless ``user`` is a professional who made ``orientation`` or is
    in its family's care team, and who may open the family (the rule of the detail page)."""
    if not (
        _is_user(user)
        and user.is_professional
        and orientations_for_professional(user).filter(pk=orientation.pk).exists()
    ):
        raise PermissionDenied(NOT_ACCESSIBLE)
    require_professional_access(user, orientation.family_id)


def may_partner_answer(user: Any, orientation: Orientation) -> bool:
    """A partner member of the organisation that runs the orientation's service."""
    organisation_id = orientation.service.structure.organisation_id
    return bool(
        _is_user(user)
        and user.is_partner
        and organisation_id
        and user.memberships.filter(organisation_id=organisation_id).exists()
    )


def check_partner_may_answer(user: Any, orientation: Orientation) -> None:
    """``PermissionDenied`` unless ``user`` may answer for the orientation's service."""
    if not may_partner_answer(user, orientation):
        raise PermissionDenied(NOT_ACCESSIBLE)


def require_may_move(user: Any, orientation: Orientation, to_state: str) -> None:
    """``PermissionDenied`` unless ``user`` (an account) may move ``orientation`` to
    ``to_state``: a professional's move on their orientation, or a partner's answer."""
    if _is_user(user) and user.is_professional:
        if to_state not in PRO_TARGETS:
            raise PermissionDenied(NOT_YOUR_MOVE)
        require_professional_on_orientation(user, orientation)
        return
    if _is_user(user) and user.is_partner:
        if to_state not in PARTNER_TARGETS:
            raise PermissionDenied(NOT_YOUR_MOVE)
        check_partner_may_answer(user, orientation)
        return
    raise PermissionDenied(NOT_ACCESSIBLE)


def require_link_move(to_state: str) -> None:
    """The signed link answers like a partner: received, accepted, refused, done."""
    if to_state not in PARTNER_TARGETS:
        raise PermissionDenied(NOT_YOUR_MOVE)
