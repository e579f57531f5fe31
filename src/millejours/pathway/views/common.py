"""Shared access helpers of the pathway pages.

Every family-scoped view starts with ``get_family_for_user`` (404 outside the care team,
one access-log entry per read).
"""

from __future__ import annotations

from ..selectors import get_family_for_user


def _family(request, family_id, page):
    return get_family_for_user(request.user, family_id, page=page, path=request.path)
