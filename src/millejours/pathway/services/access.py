"""Who may change a family's record through the pathway services (the object-level rule).

The pages open the family first (``selectors.get_family_for_user``: 404 outside the care
team); the write services check again themselves, so that no second page, htmx endpoint,
API route or command skips the rule. Each raises ``PermissionDenied`` before anything is
written (no audit event either) and reads nothing of the record (no access-log line).

- ``selectors.require_professional_access(user, family_id)``: a professional who may open
  the family (care team with consent, or break the glass);
- ``require_family_writer(user, family_id, own_parent=False)``: the same, or ``None`` (the
  platform itself: a command, a job, a demo loader); with ``own_parent``, also the
  family's own parent (what she fills herself: her check-up, her EPDS);
- ``require_own_family(user, family_id)``: the family's own parent only
  (``selectors.parent_family``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from ..selectors import FAMILY_NOT_ACCESSIBLE, parent_family, require_professional_access


def require_own_family(user: Any, family_id: int) -> None:
    """``PermissionDenied`` unless ``user`` is a parent whose own family is ``family_id``."""
    own = parent_family(user) if getattr(user, "is_parent", False) else None
    if own is None or own.pk != family_id:
        raise PermissionDenied(FAMILY_NOT_ACCESSIBLE)


def require_family_writer(user: Any, family_id: int, *, own_parent: bool = False) -> None:
    """``PermissionDenied`` unless ``user`` may change family ``family_id``'s record: a
    professional who may open it, the platform itself (``None``), and with ``own_parent``
    the family's own parent."""
    if user is None:
        return
    if own_parent and getattr(user, "is_parent", False):
        require_own_family(user, family_id)
        return
    require_professional_access(user, family_id)
