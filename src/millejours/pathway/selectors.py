"""Reads of the pathway domain.

``get_family_for_user`` is the one door to a family record: every view that shows a
family goes through it, so that visibility is decided in one place and every read is
written to the access log.

Visibility (owned by the trust app):

- a professional sees the families whose care team they belong to; when the family has
  withdrawn its consent to sharing within the care team (``partage_equipe``), only the
  family's referent (``Family.referent`` or a care-team member with the referent role)
  still sees the record;
- a professional outside the care team sees a family only during an active
  break-the-glass access (``trust.BreakGlassAccess``); each such read is logged with
  ``break_glass=True``;
- a parent sees their own family (always, whatever the consents).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from millejours.audit.services import record_access

from .models import CareTeamMember, CareTeamRole, Family, Parent


def _team_q(user) -> Q:
    """The care-team condition of ``user`` (consent to sharing included)."""
    from millejours.audit.selectors import sharing_withdrawn_q

    team = CareTeamMember.objects.filter(family=OuterRef("pk"), user=user, removed_at__isnull=True)
    referent = Q(referent=user) | Q(Exists(team.filter(role=CareTeamRole.REFERENT)))
    return Q(Exists(team)) & (~sharing_withdrawn_q() | referent)


def _break_glass_q(user) -> Q:
    from millejours.audit.models import BreakGlassAccess

    grant = BreakGlassAccess.objects.filter(family=OuterRef("pk"), user=user, expires_at__gt=timezone.now())
    return Q(Exists(grant))


def visible_families(user) -> QuerySet[Family]:
    """Families ``user`` may open: its care teams (professionals), its own (parents)."""
    if not user.is_authenticated:
        return Family.objects.none()
    if user.is_professional:
        return Family.objects.filter(_team_q(user) | _break_glass_q(user))
    if user.is_parent:
        own = Parent.objects.filter(family=OuterRef("pk"), user=user)
        return Family.objects.filter(Exists(own))
    return Family.objects.none()


def can_see_family(user, family_id: int) -> bool:
    return visible_families(user).filter(pk=family_id).exists()


def get_family_for_user(user, family_id, *, page: str, path: str = "") -> Family:
    """The family ``family_id`` if ``user`` may see it (else 404), logged as one read."""
    qs = visible_families(user).select_related("commune", "referent")
    if user.is_authenticated and user.is_professional:
        qs = qs.annotate(_through_team=_team_q(user))
    try:
        family = qs.get(pk=family_id)
    except (Family.DoesNotExist, ValueError, TypeError):
        raise Http404("Dossier introuvable.") from None
    break_glass = not getattr(family, "_through_team", True)
    record_access(user=user, family=family, page=page, path=path, break_glass=break_glass)
    return family
