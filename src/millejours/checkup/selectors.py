"""Reads of the prevention check-up.

Every page first gets the family through ``pathway.selectors.get_family_for_user``
(visibility + access log); the functions below then read within that family.

The plan is the person's: the parent, the plan's author and the family's referent always
see it; the rest of the care team only when the person agreed (``Plan.consent_share``)
and the family's sharing consent (``audit`` scope ``partage_equipe``) still holds.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from .models import Checkup, CheckupFlag, FlagStatus, Goal, Plan, Progress

if TYPE_CHECKING:
    import datetime as dt

    from millejours.accounts.models import User
    from millejours.pathway.models import Family


def family_checkups(family: Family) -> QuerySet[Checkup]:
    return Checkup.objects.filter(family=family).select_related("filled_by", "person")


def family_checkup(family: Family, pk: int | str) -> Checkup:
    try:
        return family_checkups(family).get(pk=pk)
    except (Checkup.DoesNotExist, ValueError, TypeError):
        raise Http404("Bilan introuvable.") from None


def proposed_flags(checkup: Checkup) -> QuerySet[CheckupFlag]:
    return checkup.flags.exclude(status=FlagStatus.DISMISSED)


def can_see_plan(plan: Plan, user: User) -> bool:
    from millejours.audit.models import ConsentScope
    from millejours.audit.selectors import has_consent

    if getattr(user, "is_parent", False):
        return True  # the family was already checked by get_family_for_user
    family = plan.family
    if user.pk in (plan.author_id, family.referent_id):
        return True
    return plan.consent_share and has_consent(family, ConsentScope.PARTAGE_EQUIPE)


def visible_plan(checkup: Checkup, user: User) -> Plan | None:
    plan = Plan.objects.filter(checkup=checkup).select_related("family", "author").first()
    if plan is None or not can_see_plan(plan, user):
        return None
    return plan


def latest_plan(family: Family, user: User) -> Plan | None:
    """The newest plan of ``family`` that ``user`` may see (case review, parent space)."""
    for plan in Plan.objects.filter(family=family).select_related("family", "author", "checkup")[
        :5
    ]:
        if can_see_plan(plan, user):
            return plan
    return None


def plan_goals(plan: Plan) -> list[Goal]:
    return list(plan.goals.prefetch_related("resources", "reviews__reviewed_by"))


def _shared_plan_q(user: User) -> Q:
    from millejours.audit.models import ConsentScope
    from millejours.audit.selectors import _withdrawn_q

    withdrawn = _withdrawn_q(ConsentScope.PARTAGE_EQUIPE, "plan__family_id")
    return (
        Q(plan__author=user)
        | Q(plan__family__referent=user)
        | (Q(plan__consent_share=True) & ~withdrawn)
    )


def goals_to_review_for(user: User, *, until: dt.date) -> QuerySet[Goal]:
    """Open goals due for review by ``until`` in the families of ``user``'s care teams."""
    if not (user.is_authenticated and user.is_professional):
        return Goal.objects.none()
    from millejours.pathway.models import CareTeamMember

    team = CareTeamMember.objects.filter(
        family=OuterRef("plan__family_id"), user=user, removed_at__isnull=True
    )
    return (
        Goal.objects.filter(status__in=(Progress.ONGOING, Progress.CHANGED), review_on__lte=until)
        .filter(Q(Exists(team)) | Q(plan__family__referent=user))
        .filter(_shared_plan_q(user))
        .select_related("plan__family")
        .order_by("review_on", "id")
    )


def goals_for_calendar(family: Family) -> QuerySet[Goal]:
    """The family's open goals with their review dates (parent's calendar)."""
    return Goal.objects.filter(
        plan__family=family, status__in=(Progress.ONGOING, Progress.CHANGED)
    ).order_by("review_on", "id")


def indicators(*, start: dt.date | None = None, end: dt.date | None = None) -> dict[str, Any]:
    """Counts per stage, families that consent to pseudonymised indicators only (no
    suppression here: the reports apply the small-cell rules).

    ``{stage: {"checkups", "domains_chosen": {domain: n}, "goals_set", "goals_reached"}}``.
    """
    from millejours.audit.models import ConsentScope
    from millejours.audit.selectors import families_with_consent
    from millejours.pathway.models import Family

    consenting = families_with_consent(Family.objects.all(), ConsentScope.DONNEES_PSEUDONYMISEES)
    checkups = Checkup.objects.filter(family__in=consenting)
    if start:
        checkups = checkups.filter(created_at__date__gte=start)
    if end:
        checkups = checkups.filter(created_at__date__lte=end)
    out: dict[str, dict[str, Any]] = {}
    for stage, talk_domains in checkups.values_list("stage", "talk_domains"):
        row = out.setdefault(
            stage, {"checkups": 0, "domains_chosen": Counter(), "goals_set": 0, "goals_reached": 0}
        )
        row["checkups"] += 1
        row["domains_chosen"].update(talk_domains or [])
    goals = (
        Goal.objects.filter(plan__checkup__in=checkups)
        .values("plan__checkup__stage")
        .annotate(n=Count("id"), reached=Count("id", filter=Q(status=Progress.REACHED)))
    )
    for g in goals:
        row = out[g["plan__checkup__stage"]]
        row["goals_set"], row["goals_reached"] = g["n"], g["reached"]
    for row in out.values():
        row["domains_chosen"] = dict(row["domains_chosen"])
    return out


def checkup_rows(checkup: Checkup) -> list[dict[str, Any]]:
    """Per domain: its questions with the answer's label, and the motivation row."""
    from . import questionnaire

    q = questionnaire.get(checkup.version)
    answers, motivation = checkup.answers or {}, checkup.motivation or {}
    return [
        {
            "domain": d,
            "motivation": motivation.get(d.code) or {},
            "questions": [
                {"question": qu, "answer": qu.option_label(answers.get(qu.code, ""))}
                for qu in d.questions
            ],
        }
        for d in q.domains
    ]
