"""The step services decide themselves who may change a step of a family's calendar.

The pages open the family first (404 outside the care team); a caller that skips them (a
second page, an htmx endpoint, a command) meets the same rule in the service: a
professional who may open the family (care team, or break the glass), and for « fait »
also the family's own parent (the check-up she fills marks its step done) and the
platform itself (``user=None``). A refusal writes nothing and no audit event.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from millejours.accounts.models import Role
from millejours.audit.models import AuditEvent
from millejours.pathway import services, triage
from millejours.pathway.calendar import materialise
from millejours.pathway.models import OPEN_STATES, Milestone, MilestoneState
from tests import factories
from tests.pathway import careteam_personas

pytestmark = pytest.mark.django_db
glass_reader = careteam_personas.glass_reader
TODAY = timezone.localdate


@pytest.fixture
def step(family) -> Milestone:
    """An open step of ``family`` (in ``sagefemme``'s care team)."""
    materialise(family.pregnancies.all())
    return Milestone.objects.filter(family=family, state__in=OPEN_STATES).order_by("due").first()


@pytest.fixture
def other_parent(db):
    """The parent of another family (an account linked to that family only)."""
    user = factories.user(Role.PARENT, email="autre.parent@test.millejours.fr")
    factories.family(display_name="Foyer Autre", parent_user=user)
    return user


def _unchanged(step: Milestone) -> None:
    fresh = Milestone.objects.get(pk=step.pk)
    assert (fresh.state, fresh.done_on, fresh.done_by_id, fresh.postponed_to) == (
        step.state,
        step.done_on,
        step.done_by_id,
        step.postponed_to,
    )
    assert not AuditEvent.objects.filter(action__startswith="milestone.").exists()


def _missed(step: Milestone, by) -> Milestone:
    Milestone.objects.filter(pk=step.pk).update(
        state=MilestoneState.MISSED, done_by=by, done_by_label="Sophie Martin"
    )
    return Milestone.objects.get(pk=step.pk)


# --- triage: « reporter », « non réalisé », « rouvrir » --------------------------------------


def test_postpone_is_refused_to_a_professional_outside_the_care_team(step, outsider):
    with pytest.raises(PermissionDenied):
        triage.milestone_postpone(
            milestone=step, user=outsider, to=TODAY() + timedelta(days=7), reason="Absente"
        )
    _unchanged(step)


def test_mark_missed_is_refused_to_a_professional_outside_the_care_team(step, outsider):
    with pytest.raises(PermissionDenied):
        triage.milestone_mark_missed(milestone=step, user=outsider, reason="Pas venue")
    _unchanged(step)


def test_reopen_is_refused_to_a_professional_outside_the_care_team(step, outsider, sagefemme):
    step = _missed(step, sagefemme)
    with pytest.raises(PermissionDenied):
        triage.milestone_reopen(milestone=step, user=outsider)
    _unchanged(step)


@pytest.mark.parametrize("persona", ["parent", "coordinator"])
def test_the_triage_of_one_step_is_for_professionals(step, persona, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        triage.milestone_mark_missed(milestone=step, user=user, reason="")
    _unchanged(step)


def test_the_triage_of_a_selection_is_for_professionals_too(step, parent):
    """The family's own parent sees her family, but the worklist's bulk triage is not hers."""
    with pytest.raises(PermissionDenied):
        triage.milestones_bulk(user=parent, milestone_ids=[step.pk], action="non_realise")
    _unchanged(step)


@pytest.mark.parametrize("persona", ["sagefemme", "glass_reader"])
def test_the_care_team_and_a_break_glass_reader_triage_a_step(step, persona, request):
    user = request.getfixturevalue(persona)
    triage.milestone_postpone(milestone=step, user=user, to=TODAY(), reason="Absente")
    triage.milestone_mark_missed(milestone=step, user=user, reason="Pas venue")
    triage.milestone_reopen(milestone=step, user=user)
    events = AuditEvent.objects.filter(actor=user, action__startswith="milestone.")
    actions = events.values_list("action", flat=True)
    assert set(actions) == {"milestone.postponed", "milestone.missed", "milestone.reopened"}


# --- « fait » and its undo ----------------------------------------------------------------------


def test_mark_done_is_refused_to_a_professional_outside_the_care_team(step, outsider):
    with pytest.raises(PermissionDenied):
        services.milestone_mark_done(milestone=step, user=outsider, done_on=TODAY())
    _unchanged(step)


@pytest.mark.parametrize("persona", ["coordinator", "other_parent"])
def test_mark_done_is_refused_to_a_coordinator_and_to_another_familys_parent(
    step, persona, request
):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.milestone_mark_done(milestone=step, user=user, done_on=TODAY())
    _unchanged(step)


@pytest.mark.parametrize("persona", ["sagefemme", "glass_reader", "parent"])
def test_mark_done_by_the_care_team_a_break_glass_reader_or_the_familys_own_parent(
    step, persona, request
):
    """The parent: ``checkup.services.checkup_submit`` marks her check-up's step done."""
    user = request.getfixturevalue(persona)
    services.milestone_mark_done(milestone=step, user=user, done_on=TODAY())
    assert Milestone.objects.get(pk=step.pk).state == MilestoneState.DONE
    assert AuditEvent.objects.filter(action="milestone.done", actor=user).exists()


def test_mark_done_by_the_platform_itself(step):
    services.milestone_mark_done(milestone=step, user=None, done_on=TODAY())
    fresh = Milestone.objects.get(pk=step.pk)
    assert fresh.state == MilestoneState.DONE and fresh.done_by_label == ""
    assert AuditEvent.objects.get(action="milestone.done").actor_label == "système"


def test_undo_done_is_refused_to_a_professional_outside_the_care_team(step, outsider, sagefemme):
    step = services.milestone_mark_done(milestone=step, user=sagefemme, done_on=TODAY())
    AuditEvent.objects.all().delete()
    with pytest.raises(PermissionDenied):
        services.milestone_mark_not_done(milestone=step, user=outsider)
    _unchanged(step)


def test_undo_done_by_the_care_team(step, sagefemme):
    step = services.milestone_mark_done(milestone=step, user=sagefemme, done_on=TODAY())
    services.milestone_mark_not_done(milestone=step, user=sagefemme)
    assert Milestone.objects.get(pk=step.pk).state in OPEN_STATES
    assert AuditEvent.objects.filter(action="milestone.undone", actor=sagefemme).exists()
