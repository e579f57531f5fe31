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

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from millejours.audit.access import log_read
from millejours.audit.models import BreakGlassAccess
from millejours.audit.selectors import sharing_withdrawn_q

from .models import CareTeamMember, CareTeamRole, Family, Milestone, Parent

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from millejours.accounts.models import User


def _team_q(user: User) -> Q:
    """The care-team condition of ``user`` (consent to sharing included)."""
    team = CareTeamMember.objects.filter(family=OuterRef("pk"), user=user, removed_at__isnull=True)
    referent = Q(referent=user) | Q(Exists(team.filter(role=CareTeamRole.REFERENT)))
    return Q(Exists(team)) & (~sharing_withdrawn_q() | referent)


def _break_glass_q(user: User) -> Q:
    grant = BreakGlassAccess.objects.filter(
        family=OuterRef("pk"), user=user, expires_at__gt=timezone.now()
    )
    return Q(Exists(grant))


def visible_families(user: User | AnonymousUser) -> QuerySet[Family]:
    """Families ``user`` may open: its care teams (professionals), its own (parents)."""
    if not user.is_authenticated:
        return Family.objects.none()
    if user.is_professional:
        return Family.objects.filter(_team_q(user) | _break_glass_q(user))
    if user.is_parent:
        own = Parent.objects.filter(family=OuterRef("pk"), user=user)
        return Family.objects.filter(Exists(own))
    return Family.objects.none()


def parent_family(user: User | AnonymousUser) -> Family | None:
    """The parent's own family: the family of the ``Parent`` linked to her account (or None).

    The one answer to « which family is mine » (parent pages of every domain). It reads no
    record: a page that shows the family opens it with ``get_own_family`` (access log).
    """
    if not user.is_authenticated:
        return None
    return Family.objects.filter(parents__user=user).select_related("commune").first()


NO_OWN_FAMILY = "Aucun foyer n'est relié à votre compte."


def get_own_family(
    user: User | AnonymousUser, *, page: str, path: str = "", missing: str = NO_OWN_FAMILY
) -> Family:
    """The parent's own family through the one door (``get_family_for_user``), else 404."""
    own = parent_family(user)
    if own is None:
        raise Http404(missing)
    return get_family_for_user(user, own.pk, page=page, path=path)


def can_see_family(user: User | AnonymousUser, family_id: int) -> bool:
    return visible_families(user).filter(pk=family_id).exists()


FAMILY_NOT_ACCESSIBLE = "Ce dossier n'est pas accessible."


def require_professional_access(user: Any, family_id: int) -> None:
    """The write side of the one door: ``PermissionDenied`` unless ``user`` is a
    professional who may open family ``family_id`` (the rule of ``get_family_for_user``).

    A service that changes a family's record on behalf of a professional calls it itself,
    so that no second page, htmx endpoint or command skips the rule that the first page
    checked. It writes no access-log line: it reads nothing of the record.
    """
    if not (
        user is not None
        and user.is_authenticated
        and user.is_professional
        and visible_families(user).filter(pk=family_id).exists()
    ):
        raise PermissionDenied(FAMILY_NOT_ACCESSIBLE)


def require_own_family(user: Any, family_id: int) -> None:
    """``PermissionDenied`` unless ``user`` is a parent whose own family is ``family_id``."""
    own = parent_family(user) if getattr(user, "is_parent", False) else None
    if own is None or own.pk != family_id:
        raise PermissionDenied(FAMILY_NOT_ACCESSIBLE)


def require_parent_or_professional_access(user: Any, family_id: int) -> None:
    """``PermissionDenied`` unless ``user`` is a parent of family ``family_id`` (her own
    family) or a professional who may open it (``require_professional_access``): the rule
    of what a parent or her care team fill in for the family (EPDS, prevention check-up)."""
    if getattr(user, "is_parent", False):
        require_own_family(user, family_id)
    else:
        require_professional_access(user, family_id)


def get_family_for_user(
    user: User | AnonymousUser, family_id: int | str, *, page: str, path: str = ""
) -> Family:
    """The family ``family_id`` if ``user`` may see it (else 404), logged as one read.

    A refusal (404 here, or a 403/404/405 the view raises afterwards) is never logged as
    a read: see ``audit.access.log_read``. Refusals are not logged at all (they reveal
    nothing of a record and the web server's log keeps the requests).
    """
    qs: QuerySet[Family]
    if user.is_authenticated and user.is_professional:
        # Both conditions of ``visible_families`` selected once and decided here: filtering
        # on them and annotating the team one compiled its four EXISTS twice (≈ 2 ms of ORM
        # work per family record for a statement the database runs in 0.1 ms).
        qs = Family.objects.annotate(
            _through_team=ExpressionWrapper(_team_q(user), output_field=BooleanField()),
            _through_grant=ExpressionWrapper(_break_glass_q(user), output_field=BooleanField()),
        )
    else:
        qs = visible_families(user)
    try:
        family = qs.select_related("commune", "referent").get(pk=family_id)
    except (Family.DoesNotExist, ValueError, TypeError):
        raise Http404("Dossier introuvable.") from None
    through_team = getattr(family, "_through_team", True)
    if not (through_team or getattr(family, "_through_grant", False)):
        raise Http404("Dossier introuvable.")
    break_glass = not through_team
    log_read(user=user, family=family, page=page, path=path, break_glass=break_glass)
    return family


SEARCH_MIN_CHARS = 3
SEARCH_MAX_RESULTS = 20


def territory_search(user: User | AnonymousUser, query: str) -> list[dict[str, Any]]:
    """Families of the whole territory matching ``query`` (outside the care team too).

    ``query``: a name (family or parent's last name, at least 3 characters), a birth date
    (parent or child, ``JJ/MM/AAAA`` or ``AAAA-MM-JJ``) or an exact file reference. Each
    result carries the family's name and commune ONLY (plus whether ``user`` may already
    open it): nothing else of the record. At most ``SEARCH_MAX_RESULTS`` rows. Not a read of
    a record, so no access-log entry (``services.search`` audits each search).
    """
    query = (query or "").strip()
    if not getattr(user, "is_professional", False) or len(query) < SEARCH_MIN_CHARS:
        return []
    day = _parse_day(query)
    if day is not None:
        match = Q(parents__birth_date=day) | Q(children__birth_date=day)
    else:
        match = (
            Q(reference__iexact=query)
            | Q(display_name__icontains=query)
            | Q(parents__last_name__icontains=query)
        )
    rows = list(
        Family.objects.filter(pk__in=Family.objects.filter(match).values("pk"))
        .order_by("display_name", "id")
        .values("pk", "display_name", "commune__name")[:SEARCH_MAX_RESULTS]
    )
    visible = set(
        visible_families(user).filter(pk__in=[r["pk"] for r in rows]).values_list("pk", flat=True)
    )
    return [
        {
            "pk": r["pk"],
            "name": r["display_name"],
            "commune": r["commune__name"] or "",
            "visible": r["pk"] in visible,
        }
        for r in rows
    ]


def _parse_day(text: str) -> dt.date | None:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def epp_step(family: Family, milestones: Iterable[Milestone] | None = None) -> Milestone | None:
    """The ``epp`` milestone of the family's current pregnancy (latest DDR), or ``None``.

    The one source of truth of « EPP fait » shared by the timeline and the screening card:
    signing an EPP marks it done (``screening.services.epp_sign``), and the card reads it.
    ``milestones``: every milestone of the family with its pregnancy, when the caller (the
    family record) has already read them: no query then.
    """
    if milestones is not None:
        epp = [m for m in milestones if m.code == "epp"]
        return max(epp, key=lambda m: (m.pregnancy.lmp, m.pregnancy_id), default=None)
    return (
        Milestone.objects.filter(family=family, code="epp")
        .order_by("-pregnancy__lmp", "-pregnancy_id")
        .only("id", "state", "done_on", "pregnancy_id", "done_by_label")
        .first()
    )
