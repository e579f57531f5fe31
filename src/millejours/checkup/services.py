"""Writes of the prevention check-up (one function per business action, audited).

- ``checkup_submit(*, family, user, answers, motivation, person=None) -> Checkup``
- ``flag_review(*, flag, user, confirmed) -> CheckupFlag``
- ``plan_save(*, checkup, user, goals, consent_share) -> Plan``
- ``goal_review(*, goal, user, progress, note="", next_review_on: date | None = None) -> GoalReview``

Who may write is decided here, not only by the pages (``PermissionDenied``, nothing
written): a check-up is filled by the family's parent or a professional who may open the
family (``pathway.selectors.require_parent_or_professional_access``; the professional's
check alone, ``require_professional_access``, for flags, plans and reviews); a plan is changed and its goals reviewed only by whom
``selectors.can_see_plan`` shows it to.

A check-up during an ongoing pregnancy marks ``bilan_prenatal_prevention`` done through
``pathway.services.milestone_mark_done``; after the birth it can be repeated freely.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from millejours.audit.services import record_event
from millejours.pathway.models import MilestoneState, PregnancyOutcome
from millejours.pathway.selectors import (
    require_parent_or_professional_access,
    require_professional_access,
)
from millejours.pathway.services import milestone_mark_done

from . import questionnaire, selectors
from .models import (
    Checkup,
    CheckupFlag,
    FilledBy,
    FlagStatus,
    Goal,
    GoalReview,
    Plan,
    Progress,
    Stage,
)

if TYPE_CHECKING:
    from millejours.accounts.models import User
    from millejours.pathway.models import Family, Parent, Pregnancy

MILESTONE = "bilan_prenatal_prevention"
MAX_GOALS = 3
PLAN_NOT_VISIBLE = "Ce plan n'est pas partagé avec vous."


def _stage(family: Family) -> tuple[Pregnancy | None, str]:
    current = family.pregnancies.order_by("-lmp", "-id").first()
    if current is None:
        return None, Stage.OTHER
    if current.outcome == PregnancyOutcome.ONGOING:
        return current, Stage.PREGNANCY
    return current, Stage.AFTER_BIRTH


def require_plan_visible(plan: Plan, user: User) -> None:
    """``PermissionDenied`` unless ``user`` may open the plan's family and see the plan."""
    require_professional_access(user, plan.family_id)
    if not selectors.can_see_plan(plan, user):
        raise PermissionDenied(PLAN_NOT_VISIBLE)


@transaction.atomic
def checkup_submit(
    *,
    family: Family,
    user: User,
    answers: dict[str, Any],
    motivation: dict[str, Any],
    person: Parent | None = None,
) -> Checkup:
    """Store one check-up (current version), propose its flags, link it to the pathway."""
    require_parent_or_professional_access(user, family.pk)
    if person is not None and person.family_id != family.pk:
        raise ValidationError("Cette personne ne fait pas partie de la famille.")
    q = questionnaire.get()
    cleaned = q.clean(answers)
    motives = q.clean_motivation(motivation)
    pregnancy, stage = _stage(family)
    if person is None and getattr(user, "is_parent", False):
        person = getattr(user, "parent_profile", None)
    if person is None:
        person = family.parents.order_by("id").first()
    checkup = Checkup.objects.create(
        family=family,
        person=person,
        pregnancy=pregnancy,
        stage=stage,
        filled_as=FilledBy.PARENT if getattr(user, "is_parent", False) else FilledBy.PROFESSIONAL,
        filled_by=user,
        version=q.version,
        answers=cleaned,
        motivation=motives,
        talk_domains=[code for code, row in motives.items() if row["talk"]],
    )
    for domain, question in q.flags(cleaned):
        CheckupFlag.objects.create(checkup=checkup, domain=domain, question=question)
    record_event(
        actor=user,
        action="checkup.submitted",
        obj=checkup,
        details={"version": q.version, "stage": stage, "filled_as": checkup.filled_as},
    )
    if stage == Stage.PREGNANCY and pregnancy is not None:
        _mark_milestone(pregnancy, user)
    return checkup


def _mark_milestone(pregnancy: Pregnancy, user: User) -> None:
    milestone = pregnancy.milestones.filter(code=MILESTONE, child__isnull=True).first()
    if milestone is None or milestone.state in (MilestoneState.DONE, MilestoneState.NOT_APPLICABLE):
        return
    milestone_mark_done(
        milestone=milestone,
        user=user,
        done_on=timezone.localdate(),
        note="Bilan prévention rempli sur Mille Jours.",
    )


@transaction.atomic
def flag_review(*, flag: CheckupFlag, user: User, confirmed: bool) -> CheckupFlag:
    """A professional who may open the family confirms or dismisses a proposed flag."""
    require_professional_access(user, flag.checkup.family_id)
    if flag.status != FlagStatus.PROPOSED:
        raise ValidationError("Ce repérage a déjà été revu.", code="reviewed")
    flag.status = FlagStatus.CONFIRMED if confirmed else FlagStatus.DISMISSED
    flag.confirmed_by = user
    flag.confirmed_at = timezone.now()
    flag.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    record_event(
        actor=user,
        action="checkup.flag." + flag.status,
        family=flag.checkup.family_id,
        obj=flag,
        details={"domain": flag.domain},
    )
    return flag


def _clean_goals(goals: list[dict[str, Any]], domains: tuple[str, ...]) -> list[dict[str, Any]]:
    kept = [g for g in goals if (g.get("words") or "").strip()]
    if not kept:
        raise ValidationError(
            "Écrivez au moins un objectif, avec les mots de la personne.", code="no_goal"
        )
    if len(kept) > MAX_GOALS:
        raise ValidationError(
            "Trois objectifs au plus : choisissez les plus importants.", code="too_many"
        )
    today = timezone.localdate()
    for g in kept:
        if g.get("domain") not in domains:
            raise ValidationError("Choisissez le domaine de chaque objectif.", code="domain")
        if not isinstance(g.get("review_on"), date):
            raise ValidationError(
                "Indiquez la date à laquelle revoir chaque objectif.", code="review_on"
            )
        if g["review_on"] < today:
            raise ValidationError("La date de revue ne peut pas être passée.", code="past")
    return kept


@transaction.atomic
def plan_save(
    *, checkup: Checkup, user: User, goals: list[dict[str, Any]], consent_share: bool
) -> Plan:
    """Create (or replace the goals of) the plan of ``checkup``: 1 to 3 goals.

    Each goal: ``{"domain", "words", "first_steps", "review_on": date, "resources": [Service]}``.
    Replacing is only allowed while no goal has been reviewed (then goals are reviewed),
    by whom the plan is shown to (``require_plan_visible``).
    """
    existing = Plan.objects.filter(checkup=checkup).select_related("family").first()
    if existing is None:
        require_professional_access(user, checkup.family_id)
    else:
        require_plan_visible(existing, user)
    q = questionnaire.get(checkup.version)
    kept = _clean_goals(goals, q.domain_codes)
    plan, created = Plan.objects.get_or_create(
        checkup=checkup,
        defaults={"family": checkup.family, "author": user, "consent_share": consent_share},
    )
    if not created:
        if GoalReview.objects.filter(goal__plan=plan).exists():
            raise ValidationError(
                "Des objectifs ont déjà été revus : notez plutôt leur avancement.", code="reviewed"
            )
        plan.goals.all().delete()
        plan.consent_share = consent_share
        plan.save(update_fields=["consent_share", "updated_at"])
    for position, g in enumerate(kept, start=1):
        goal = Goal.objects.create(
            plan=plan,
            position=position,
            domain=g["domain"],
            words=g["words"].strip(),
            first_steps=(g.get("first_steps") or "").strip(),
            review_on=g["review_on"],
        )
        goal.resources.set(g.get("resources") or [])
    record_event(
        actor=user,
        action="checkup.plan.saved",
        family=checkup.family_id,
        obj=plan,
        details={"goals": len(kept), "consent_share": consent_share},
    )
    return plan


@transaction.atomic
def goal_review(
    *, goal: Goal, user: User, progress: str, note: str = "", next_review_on: date | None = None
) -> GoalReview:
    """Note the progress of a goal (history kept); an open goal needs its next date.

    Only by whom the plan is shown to (``require_plan_visible``)."""
    require_plan_visible(goal.plan, user)
    if progress not in Progress.values:
        raise ValidationError("Avancement inconnu.", code="progress")
    open_after = progress in (Progress.ONGOING, Progress.CHANGED)
    if open_after and next_review_on is None:
        raise ValidationError("Indiquez quand revoir cet objectif.", code="next_review_on")
    if next_review_on is not None and next_review_on < timezone.localdate():
        raise ValidationError("La date de revue ne peut pas être passée.", code="past")
    review = GoalReview.objects.create(
        goal=goal,
        progress=progress,
        note=(note or "").strip(),
        next_review_on=next_review_on if open_after else None,
        reviewed_by=user,
    )
    goal.status = progress
    fields = ["status"]
    if open_after and next_review_on is not None:  # (checked above)
        goal.review_on = next_review_on
        fields.append("review_on")
    goal.save(update_fields=fields)
    record_event(
        actor=user,
        action="checkup.goal.reviewed",
        family=goal.plan.family_id,
        obj=goal,
        details={"progress": progress},
    )
    return review
