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
- ``selectors.require_own_family(user, family_id)``: the family's own parent only
  (``selectors.parent_family``).
"""

from __future__ import annotations

from typing import Any

from ..selectors import require_parent_or_professional_access, require_professional_access


def require_family_writer(user: Any, family_id: int, *, own_parent: bool = False) -> None:
    """``PermissionDenied`` unless ``user`` may change family ``family_id``'s record: a
    professional who may open it, the platform itself (``None``), and with ``own_parent``
    the family's own parent."""
    if user is None:
        return
    if own_parent:
        require_parent_or_professional_access(user, family_id)
    else:
        require_professional_access(user, family_id)
