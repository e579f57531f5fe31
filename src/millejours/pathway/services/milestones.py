"""Milestones: mark done, undo (audited; the calendar engine recomputes)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from millejours.accounts.models import User
from millejours.audit.services import record_event

from ..calendar.store import DONE_DATES
from ..models import Milestone, MilestoneState
from ..selectors import require_professional_access
from .access import require_family_writer
from .common import _materialise, _today


def open_state(milestone: Milestone, today: date) -> str:
    """The time-dependent state of a milestone that is not done."""
    if today < milestone.window_start:
        return MilestoneState.UPCOMING
    if today <= milestone.window_end:
        return MilestoneState.DUE
    return MilestoneState.LATE


def check_done_on(milestone: Milestone, done_on: date) -> None:
    """The one rule for a « fait » date (one row, the timeline form, or in bulk).

    Not in the future, not before the pregnancy began (LMP), and a pregnancy step not
    after the birth or the end of that pregnancy. Raises ``ValidationError``.
    """
    if done_on > _today():
        raise ValidationError(
            "La date de réalisation ne peut pas être dans le futur.", code="future"
        )
    pregnancy = milestone.pregnancy
    if done_on < pregnancy.lmp:
        raise ValidationError(
            "La date de réalisation ne peut pas précéder le début de la grossesse "
            f"(DDR au {pregnancy.lmp:%d/%m/%Y}).",
            code="before_lmp",
        )
    if milestone.subject == "grossesse" and pregnancy.ended_on and done_on > pregnancy.ended_on:
        raise ValidationError(
            "Une étape de la grossesse ne peut pas avoir été faite après la naissance "
            f"ou la fin de la grossesse ({pregnancy.ended_on:%d/%m/%Y}).",
            code="after_end",
        )


@transaction.atomic
def milestone_mark_done(
    *, milestone: Milestone, user: User | None, done_on: date, note: str = ""
) -> Milestone:
    """Record that the appointment took place on ``done_on`` (by ``user``).

    ``user``: a professional who may open the family, the family's own parent (the
    check-up she fills marks its step done, ``checkup.services``) or ``None`` (the platform
    itself); anyone else gets ``PermissionDenied`` (``access.require_family_writer``).
    """
    require_family_writer(user, milestone.family_id, own_parent=True)
    return mark_done_checked(milestone=milestone, user=user, done_on=done_on, note=note)


def mark_done_checked(
    *, milestone: Milestone, user: User | None, done_on: date, note: str = ""
) -> Milestone:
    """``milestone_mark_done`` for a caller that has already checked the family itself
    (``triage.milestones_bulk``: one check for the whole selection)."""
    check_done_on(milestone, done_on)
    details: dict[str, str | None] = {
        "code": milestone.code,
        "done_on": done_on.isoformat(),
        "previous_state": milestone.state,
    }
    # Some rules depend on what was done (maternal RSV vaccine → infant nirsevimab): the
    # engine decides again after those steps only (``DONE_DATES``, the done dates it
    # reads). Any other step done changes nothing it computes (it keeps recorded states).
    return _save_done_fields(
        milestone,
        user=user,
        action="milestone.done",
        details=details,
        state=MilestoneState.DONE,
        done_on=done_on,
        done_by=user,
        note=note,
        recompute=milestone.code in DONE_DATES,
    )


def _done_by_label(user: User) -> str:
    profession = user.get_profession_display() if getattr(user, "profession", "") else ""
    return f"{user.display_name} ({profession})" if profession else user.display_name


@transaction.atomic
def milestone_mark_not_done(*, milestone: Milestone, user: User) -> Milestone:
    """Undo ``milestone_mark_done`` (a mistake): back to its time-dependent state.

    Refused for the ``epp`` step of a pregnancy whose EPP grid is signed: the signed grid
    makes it done (one source of truth with the screening card). ``user``: a professional
    who may open the family (``selectors.require_professional_access``).
    """
    require_professional_access(user, milestone.family_id)
    if milestone.code == "epp" and _epp_signed(milestone.pregnancy_id):
        raise ValidationError(
            "L'EPP de cette grossesse est signé : l'étape reste faite (corrigez la grille si besoin).",
            code="epp_signed",
        )
    details = {
        "code": milestone.code,
        "done_on": milestone.done_on.isoformat() if milestone.done_on else None,
        "done_by": milestone.done_by_label,
    }
    # The engine decides again (the rule may no longer apply: non applicable).
    return _save_done_fields(
        milestone,
        user=user,
        action="milestone.undone",
        details=details,
        state=open_state(milestone, _today()),
        recompute=True,
    )


def _save_done_fields(
    milestone: Milestone,
    *,
    user: User | None,
    action: str,
    details: dict[str, str | None],
    state: str,
    done_on: date | None = None,
    done_by: User | None = None,
    note: str = "",
    recompute: bool,
) -> Milestone:
    """Set and save the done fields, audit ``action``, then let the engine decide again
    (``recompute``) and read back what it wrote."""
    milestone.state = state
    milestone.done_on = done_on
    milestone.done_by = done_by
    milestone.done_by_label = _done_by_label(done_by) if done_by else ""
    milestone.done_note = note
    milestone.save(
        update_fields=["state", "done_on", "done_by", "done_by_label", "done_note", "updated_at"]
    )
    record_event(actor=user, action=action, obj=milestone, details=details)
    if recompute:
        _materialise([milestone.pregnancy_id])
        milestone.refresh_from_db()
    return milestone


def _epp_signed(pregnancy_id: int) -> bool:
    # screening sits above pathway (it imports pathway): read its model here, not at import.
    from millejours.screening.models import QuestionnaireCode, Response

    return Response.objects.filter(
        pregnancy_id=pregnancy_id, questionnaire=QuestionnaireCode.EPP, signed_at__isnull=False
    ).exists()
