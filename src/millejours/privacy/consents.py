"""Who records a family's consents, and the write that checks it.

- ``can_change_consents(user, family) -> bool``: the one rule — an active member of the
  family's care team (never a reader under break-the-glass, who is not a member), or the
  parent for her own family;
- ``require_consent_right(user, family)``: ``PermissionDenied`` otherwise (the pages call it
  first, for their 403 before reading the form);
- ``consent_set(*, user, family, scope, given, given_by="") -> Consent``: the write of every
  page: checks the rule, then ``audit.services.consent_give`` / ``consent_withdraw``.

The ``audit`` functions are the low-level write (the ground floor cannot know the care team);
only internal code with a system or already-authorised actor calls them directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from millejours.audit import services as audit_services
from millejours.pathway import careteam
from millejours.pathway.selectors import parent_family

if TYPE_CHECKING:
    from millejours.audit.models import Consent, ConsentScope
    from millejours.pathway.models import Family

CONSENTS_REFUSED = (
    "Seuls les membres de l'équipe de soins enregistrent les consentements de la famille."
)


def can_change_consents(user: Any, family: Family) -> bool:
    """An active care-team member of ``family``, or the parent whose family it is."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_professional:
        return careteam.rights(user, family).is_member
    if user.is_parent:
        own = parent_family(user)
        return own is not None and own.pk == family.pk
    return False


def require_consent_right(user: Any, family: Family) -> None:
    """403 (``PermissionDenied``) for a person who may not record ``family``'s consents."""
    if not can_change_consents(user, family):
        raise PermissionDenied(CONSENTS_REFUSED)


def consent_set(
    *,
    user: Any,
    family: Family,
    scope: ConsentScope | str,
    given: bool,
    given_by: str = "",
) -> Consent:
    """``user`` records that ``family`` gives (``given``) or withdraws ``scope``."""
    require_consent_right(user, family)
    if given:
        return audit_services.consent_give(
            family=family, scope=scope, recorded_by=user, given_by=given_by
        )
    return audit_services.consent_withdraw(family=family, scope=scope, withdrawn_by=user)
