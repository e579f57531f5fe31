"""Reads of the orientations domain."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from millejours.pathway.models import CareTeamMember

from .choices import ACTIVE_STATES, OPEN_STATES
from .models import Orientation

if TYPE_CHECKING:
    from millejours.accounts.models import User
    from millejours.pathway.models import Family


def _with_relations(qs: QuerySet[Orientation]) -> QuerySet[Orientation]:
    return qs.select_related(
        "family", "family__commune", "service", "service__structure", "created_by"
    )


def orientations_for_professional(user: User) -> QuerySet[Orientation]:
    """Orientations the user made, or of families whose care team the user is in."""
    team = CareTeamMember.objects.filter(
        family=OuterRef("family_id"), user=user, removed_at__isnull=True
    )
    return _with_relations(Orientation.objects.filter(Q(created_by=user) | Exists(team)))


def orientations_for_family(family: Family) -> QuerySet[Orientation]:
    return _with_relations(Orientation.objects.filter(family=family)).prefetch_related("events")


def inbox_for_partner(user: User) -> QuerySet[Orientation]:
    """Orientations sent to services run by the partner's organisations (no drafts)."""
    org_ids = list(user.memberships.values_list("organisation_id", flat=True))
    return _with_relations(
        Orientation.objects.filter(service__structure__organisation_id__in=org_ids).exclude(
            state="brouillon"
        )
    ).order_by("-sent_at", "-pk")


def overdue_cutoff(now: datetime | None = None) -> datetime:
    days = getattr(settings, "MILLEJOURS_ORIENTATION_REMINDER_DAYS", 7)
    return (now or timezone.now()) - timedelta(days=days)


def worklist_for_professional(user: User) -> QuerySet[Orientation]:
    """Active orientations (awaiting an answer, accepted, drafts) of the professional."""
    return (
        orientations_for_professional(user)
        .filter(state__in=ACTIVE_STATES)
        .order_by("sent_at", "pk")
    )


def is_overdue(orientation: Orientation, now: datetime | None = None) -> bool:
    return bool(
        orientation.state in OPEN_STATES
        and orientation.sent_at
        and orientation.sent_at <= overdue_cutoff(now)
    )
