"""Writes of the worklist triage: « reporter », « non réalisé », and bulk actions.

API (services, atomic, audited with ``audit.services.record_event``)::

    milestone_postpone(*, milestone, user, to: date, reason: str) -> Milestone
    milestone_mark_missed(*, milestone, user, reason: str = "") -> Milestone
    milestone_reopen(*, milestone, user) -> Milestone      # undo « non réalisé »
    milestones_bulk(*, user, milestone_ids, action, done_on=None, to=None, reason="") -> int

- « Reporter »: the step keeps its rule dates; ``postponed_to`` moves it in the worklist
  (it comes back in « Cette semaine » the week of that date, see ``pathway.worklist``).
- « Non réalisé »: the step did not and will not take place (state ``non_realise``, kept by
  the calendar engine like ``fait``); the reason goes to ``done_note``.
- The one-step services check themselves that ``user`` is a professional who may open the
  step's family (``pathway.selectors.require_professional_access``: care team, or break
  the glass), before writing anything: ``PermissionDenied`` otherwise, whatever page or
  command calls them.
- ``milestones_bulk`` checks, before writing anything, that ``user`` is a professional and
  that every milestone exists, is open and belongs to a family ``user`` may see
  (``pathway.selectors.visible_families``): one
  milestone outside the care team and nothing changes (``PermissionDenied``). It then
  writes each step without checking its family again (one check for the selection).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from millejours.accounts.models import User
from millejours.audit.services import record_event

from .models import OPEN_STATES, Milestone, MilestoneState
from .selectors import require_professional_access, visible_families
from .services import open_state
from .services.milestones import mark_done_checked

ACTIONS = {"fait": "Fait", "reporter": "Reporter", "non_realise": "Non réalisé"}
MAX_BULK = 200
REASON_MAX = 200


def _require_open(milestone: Milestone) -> None:
    if milestone.state not in OPEN_STATES:
        raise ValidationError("Cette étape n'est plus à faire.", code="closed")


@transaction.atomic
def milestone_postpone(*, milestone: Milestone, user: User, to: date, reason: str) -> Milestone:
    """Postpone an open step to ``to`` (today or later) for ``reason``."""
    require_professional_access(user, milestone.family_id)
    return _postpone(milestone, user=user, to=to, reason=reason)


def _postpone(milestone: Milestone, *, user: User, to: date | None, reason: str) -> Milestone:
    reason = (reason or "").strip()
    _require_open(milestone)
    if to is None or to < timezone.localdate():
        raise ValidationError("La nouvelle date doit être aujourd'hui ou plus tard.", code="past")
    if not reason:
        raise ValidationError("Indiquez le motif du report.", code="reason")
    previous = milestone.postponed_to
    milestone.postponed_to = to
    milestone.postpone_reason = reason[:REASON_MAX]
    milestone.save(update_fields=["postponed_to", "postpone_reason", "updated_at"])
    record_event(
        actor=user,
        action="milestone.postponed",
        obj=milestone,
        details={
            "code": milestone.code,
            "to": to.isoformat(),
            "reason": milestone.postpone_reason,
            "previous": previous.isoformat() if previous else None,
        },
    )
    return milestone


@transaction.atomic
def milestone_mark_missed(*, milestone: Milestone, user: User, reason: str = "") -> Milestone:
    """Record that the step was not carried out (« non réalisé »)."""
    require_professional_access(user, milestone.family_id)
    return _mark_missed(milestone, user=user, reason=reason)


def _mark_missed(milestone: Milestone, *, user: User, reason: str) -> Milestone:
    _require_open(milestone)
    previous = milestone.state
    milestone.state = MilestoneState.MISSED
    milestone.done_note = (reason or "").strip()
    milestone.done_by = user
    milestone.done_by_label = user.display_name
    milestone.postponed_to = None
    milestone.save(
        update_fields=[
            "state",
            "done_note",
            "done_by",
            "done_by_label",
            "postponed_to",
            "updated_at",
        ]
    )
    record_event(
        actor=user,
        action="milestone.missed",
        obj=milestone,
        details={"code": milestone.code, "reason": milestone.done_note, "previous_state": previous},
    )
    return milestone


@transaction.atomic
def milestone_reopen(*, milestone: Milestone, user: User) -> Milestone:
    """Undo « non réalisé » (a mistake): back to its time-dependent state."""
    require_professional_access(user, milestone.family_id)
    if milestone.state != MilestoneState.MISSED:
        return milestone
    milestone.state = open_state(milestone, timezone.localdate())
    milestone.done_note = ""
    milestone.done_by = None
    milestone.done_by_label = ""
    milestone.save(update_fields=["state", "done_note", "done_by", "done_by_label", "updated_at"])
    record_event(
        actor=user,
        action="milestone.reopened",
        obj=milestone,
        details={"code": milestone.code},
    )
    return milestone


def _checked(user: Any, milestone_ids: Iterable[int]) -> list[Milestone]:
    try:
        ids = sorted({int(i) for i in milestone_ids})
    except (TypeError, ValueError):
        raise ValidationError("Sélection invalide.", code="ids") from None
    if not ids:
        raise ValidationError("Sélectionnez au moins une étape.", code="empty")
    if len(ids) > MAX_BULK:
        raise ValidationError(f"Au plus {MAX_BULK} étapes à la fois.", code="too_many")
    milestones = list(
        Milestone.objects.select_for_update(of=("self",))
        .select_related("pregnancy", "family")
        .filter(pk__in=ids)
        .order_by("id")
    )
    family_ids = {m.family_id for m in milestones}
    visible = set(visible_families(user).filter(pk__in=family_ids).values_list("pk", flat=True))
    professional = bool(getattr(user, "is_professional", False))  # not the parent's worklist
    if not professional or len(milestones) != len(ids) or family_ids - visible:
        # Same answer for a missing step and a step of another family: no existence oracle.
        raise PermissionDenied("Une des étapes sélectionnées n'est pas accessible.")
    for m in milestones:
        _require_open(m)
    return milestones


@transaction.atomic
def milestones_bulk(
    *,
    user: Any,
    milestone_ids: Iterable[int],
    action: str,
    done_on: date | None = None,
    to: date | None = None,
    reason: str = "",
) -> int:
    """Apply ``action`` (``fait``, ``reporter``, ``non_realise``) to every selected step.

    All or nothing: a refused or invalid step raises before (or rolls back) any write.
    """
    if action not in ACTIONS:
        raise ValidationError("Action inconnue.", code="action")
    milestones = _checked(user, milestone_ids)
    for m in milestones:
        try:
            if action == "fait":
                # The one-row rule (``services.check_done_on``) applies to each step.
                mark_done_checked(milestone=m, user=user, done_on=done_on or timezone.localdate())
            elif action == "reporter":
                _postpone(m, user=user, to=to, reason=reason)
            else:
                _mark_missed(m, user=user, reason=reason)
        except ValidationError as exc:
            step = f"« {m.label} » ({m.family.display_name})"
            raise ValidationError(f"{step} : {' '.join(exc.messages)}", code=exc.code) from exc
    record_event(
        actor=user,
        action="milestone.bulk",
        details={"action": action, "ids": [m.pk for m in milestones]},
    )
    return len(milestones)
