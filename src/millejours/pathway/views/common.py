"""Shared access helpers of the pathway pages.

Every family-scoped view starts with ``get_family_for_user`` (404 outside the care team,
one access-log entry per read).
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from ..selectors import get_family_for_user


def professional_required(view):
    """Logged in as a professional (care team member role), else 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.is_professional:
            raise PermissionDenied("Cette page est réservée aux professionnels.")
        return view(request, *args, **kwargs)

    return wrapper


def _family(request, family_id, page):
    return get_family_for_user(request.user, family_id, page=page, path=request.path)
