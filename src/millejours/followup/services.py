"""Writes of the follow-up domain (one function per business action, audited).

- ``contact_record(*, family, author, occurred_on, channel, summary="") -> Contact``
- ``goal_create(*, family, user, title, target_date=None) -> CareGoal``
- ``goal_set_status(*, goal, user, status, today) -> CareGoal``
- ``review_record(*, family, user, held_on, participants="", summary="") -> CaseReview``

Each of them checks the rule of the follow-up itself (``selectors.require_referent``: only
the family's referent, among the professionals who may open it, writes its follow-up) and
raises ``PermissionDenied`` before writing anything; the pages check it first through
``selectors.get_followed_family`` for their 404/403.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from millejours.audit.services import record_event

from .models import CareGoal, CaseReview, Contact, GoalStatus
from .selectors import require_referent

if TYPE_CHECKING:
    from millejours.accounts.models import User
    from millejours.pathway.models import Family


@transaction.atomic
def contact_record(
    *, family: Family, author: User, occurred_on: date, channel: str, summary: str = ""
) -> Contact:
    require_referent(author, family)
    contact = Contact.objects.create(
        family=family, author=author, occurred_on=occurred_on, channel=channel, summary=summary
    )
    record_event(
        actor=author,
        action="followup.contact",
        obj=contact,
        details={"channel": channel},
    )
    return contact


@transaction.atomic
def goal_create(
    *, family: Family, user: User, title: str, target_date: date | None = None
) -> CareGoal:
    require_referent(user, family)
    goal = CareGoal.objects.create(
        family=family, title=title, target_date=target_date, created_by=user
    )
    record_event(actor=user, action="followup.goal_created", obj=goal)
    return goal


@transaction.atomic
def goal_set_status(*, goal: CareGoal, user: User, status: str, today: date) -> CareGoal:
    require_referent(user, goal.family)
    previous = goal.status
    goal.status = status
    goal.closed_on = None if status == GoalStatus.OPEN else today
    goal.save(update_fields=["status", "closed_on"])
    record_event(
        actor=user,
        action="followup.goal_status",
        obj=goal,
        details={"from": previous, "to": status},
    )
    return goal


@transaction.atomic
def review_record(
    *, family: Family, user: User, held_on: date, participants: str = "", summary: str = ""
) -> CaseReview:
    require_referent(user, family)
    review = CaseReview.objects.create(
        family=family,
        held_on=held_on,
        participants=participants,
        summary=summary,
        prepared_by=user,
    )
    record_event(actor=user, action="followup.review", obj=review)
    return review
