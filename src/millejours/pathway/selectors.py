"""Reads of the pathway domain.

``get_family_for_user`` is the one door to a family record: every view that shows a
family goes through it, so that visibility is decided in one place and every read is
written to the access log.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from millejours.trust.services import record_access

from .models import CareTeamMember, Family, Parent


def visible_families(user) -> QuerySet[Family]:
    """Families ``user`` may open: its care teams (professionals), its own (parents)."""
    if not user.is_authenticated:
        return Family.objects.none()
    if user.is_professional:
        team = CareTeamMember.objects.filter(family=OuterRef("pk"), user=user, removed_at__isnull=True)
        return Family.objects.filter(Exists(team))
    if user.is_parent:
        own = Parent.objects.filter(family=OuterRef("pk"), user=user)
        return Family.objects.filter(Exists(own))
    return Family.objects.none()


def can_see_family(user, family_id: int) -> bool:
    return visible_families(user).filter(pk=family_id).exists()


def get_family_for_user(user, family_id, *, page: str, path: str = "") -> Family:
    """The family ``family_id`` if ``user`` may see it (else 404), logged as one read."""
    try:
        family = visible_families(user).select_related("commune", "referent").get(pk=family_id)
    except (Family.DoesNotExist, ValueError, TypeError):
        raise Http404("Dossier introuvable.") from None
    record_access(user=user, family=family, page=page, path=path)
    return family
