"""What the screening pages share: the professional access check, the EPDS retest date."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from millejours.accounts.access import (
    CARE_TEAM_PROFESSIONALS_ONLY,
    require_professional,
)
from millejours.pathway.selectors import get_family_for_user

from .. import questionnaires


def pro_family(request, family_id, page: str):
    """The family for a professional of its care team (404 otherwise), logged."""
    require_professional(request.user, CARE_TEAM_PROFESSIONALS_ONLY)
    return get_family_for_user(request.user, family_id, page=page, path=request.path)


def epds_retest_on(history):
    """The date from which a new EPDS is suggested (after the last one), or None."""
    if not history:
        return None
    days = questionnaires.epds().retest_after_days or 14
    return timezone.localtime(history[-1].created_at).date() + timedelta(days=days)
