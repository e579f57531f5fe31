"""Reads of the follow-up domain.

- ``caseload(user, *, today, include_closed=False) -> list[CaseloadRow]`` — the families
  whose referent is ``user``, from inclusion to the child's 3 months (all of them with
  ``include_closed``), through the visibility selector, in one query;
- ``get_followed_family(user, family_id, *, page, path) -> Family`` — the one door to a
  family's follow-up: ``get_family_for_user`` (404 outside the care team, access log)
  then 403 unless ``user`` is the family's referent;
- ``require_referent(user, family)`` — the same rule for the write services, which call it
  themselves (``PermissionDenied``, no access-log line), so that no page, htmx endpoint or
  command skips it;
- ``family_followup_summary(family) -> dict`` — what the family panel shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from millejours.pathway.models import (
    Child,
    Family,
    FamilyStatus,
    Milestone,
    MilestoneState,
    Pregnancy,
    PregnancyOutcome,
)
from millejours.pathway.selectors import (
    get_family_for_user,
    require_professional_access,
    visible_families,
)

from .models import CareGoal, CaseReview, Contact, GoalStatus

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from millejours.accounts.models import User

FOLLOWUP_MONTHS_AFTER_BIRTH = 3
REFERENT_ONLY = "Seule la personne référente de la famille accède à son accompagnement."


def _count(queryset: QuerySet[Any]) -> Coalesce:
    sub = queryset.order_by().values("family").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


@dataclass
class CaseloadRow:
    family: Family
    stage: str
    last_contact: date | None
    open_goals: int
    late_milestones: int
    in_window: bool


def _stage(lmp: date | None, birth: date | None, today: date) -> str:
    if lmp is not None:
        days = (today - lmp).days
        return f"Grossesse, {days // 7} SA + {days % 7} j"
    if birth is not None:
        days = (today - birth).days
        if days < 60:
            return f"Enfant de {days // 7} semaine{'s' if days // 7 > 1 else ''}"
        months = relativedelta(today, birth).months + 12 * relativedelta(today, birth).years
        return f"Enfant de {months} mois"
    return "—"


def caseload(user: User, *, today: date, include_closed: bool = False) -> list[CaseloadRow]:
    cutoff = today - relativedelta(months=FOLLOWUP_MONTHS_AFTER_BIRTH)
    ongoing = Pregnancy.objects.filter(family=OuterRef("pk"), outcome=PregnancyOutcome.ONGOING)
    families = (
        visible_families(user)
        .filter(referent=user, status=FamilyStatus.ACTIVE)
        .select_related("commune")
        .annotate(
            ongoing_lmp=Subquery(ongoing.order_by("-lmp").values("lmp")[:1]),
            last_birth=Subquery(
                Child.objects.filter(family=OuterRef("pk"))
                .order_by("-birth_date")
                .values("birth_date")[:1]
            ),
            last_contact=Subquery(
                Contact.objects.filter(family=OuterRef("pk"))
                .order_by("-occurred_on")
                .values("occurred_on")[:1]
            ),
            open_goals=_count(
                CareGoal.objects.filter(family=OuterRef("pk"), status=GoalStatus.OPEN)
            ),
            late_milestones=_count(
                Milestone.objects.filter(family=OuterRef("pk"), state=MilestoneState.LATE)
            ),
            in_window=Exists(ongoing)
            | Exists(Child.objects.filter(family=OuterRef("pk"), birth_date__gte=cutoff)),
        )
        .order_by("display_name", "pk")
    )
    if not include_closed:
        families = families.filter(in_window=True)
    return [
        CaseloadRow(
            family=f,
            stage=_stage(f.ongoing_lmp, f.last_birth, today),
            last_contact=f.last_contact,
            open_goals=f.open_goals,
            late_milestones=f.late_milestones,
            in_window=f.in_window,
        )
        for f in families
    ]


def get_followed_family(user: User, family_id: int, *, page: str, path: str = "") -> Family:
    family = get_family_for_user(user, family_id, page=page, path=path)
    if family.referent_id != user.pk:
        raise PermissionDenied(REFERENT_ONLY)
    return family


def require_referent(user: Any, family: Family) -> None:
    """``PermissionDenied`` unless ``user`` may open ``family`` (``get_family_for_user``'s
    rule) and is its referent: the rule of ``get_followed_family``, for the write services."""
    require_professional_access(user, family.pk)
    if family.referent_id != user.pk:
        raise PermissionDenied(REFERENT_ONLY)


def family_contacts(family: Family) -> QuerySet[Contact]:
    return Contact.objects.filter(family=family).select_related("author")


def family_goals(family: Family) -> QuerySet[CareGoal]:
    return CareGoal.objects.filter(family=family)


def family_reviews(family: Family) -> QuerySet[CaseReview]:
    return CaseReview.objects.filter(family=family).select_related("prepared_by")


def review_preparation(family: Family, *, today: date) -> dict[str, Any]:
    """What a case review looks at: late and coming milestones, open goals, recent contacts."""
    last_review = family_reviews(family).first()
    since = last_review.held_on if last_review else None
    contacts = family_contacts(family)
    if since:
        contacts = contacts.filter(occurred_on__gte=since)
    milestones = Milestone.objects.filter(family=family).select_related("child")
    return {
        "last_review": last_review,
        "late": list(milestones.filter(state=MilestoneState.LATE).order_by("due")),
        "coming": list(
            milestones.filter(
                state__in=[MilestoneState.DUE, MilestoneState.UPCOMING],
                window_start__lte=today + relativedelta(days=30),
            ).order_by("due")
        ),
        "open_goals": list(family_goals(family).filter(status=GoalStatus.OPEN)),
        "contacts": list(contacts),
    }


def family_followup_summary(family: Family) -> dict[str, Any]:
    return {
        "referent": family.referent,
        "last_contact": Contact.objects.filter(family=family)
        .order_by("-occurred_on")
        .values_list("occurred_on", flat=True)
        .first(),
        "open_goals": list(
            CareGoal.objects.filter(family=family, status=GoalStatus.OPEN).values_list(
                "title", flat=True
            )[:5]
        ),
        "last_review": CaseReview.objects.filter(family=family)
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first(),
    }
