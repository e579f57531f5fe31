"""The « référente only » rule of the follow-up holds in the write services themselves, so
that a caller that skips the pages (another view, a command) meets it too."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from millejours.audit.models import AuditEvent
from millejours.followup import services
from millejours.followup.models import CareGoal, CaseReview, Contact, GoalStatus

pytestmark = pytest.mark.django_db

TODAY = date(2025, 3, 10)


def _writes(family, goal, user):
    return [
        lambda: services.contact_record(
            family=family, author=user, occurred_on=TODAY, channel="telephone"
        ),
        lambda: services.goal_create(family=family, user=user, title="Objectif"),
        lambda: services.goal_set_status(
            goal=goal, user=user, status=GoalStatus.REACHED, today=TODAY
        ),
        lambda: services.review_record(family=family, user=user, held_on=TODAY),
    ]


def test_only_the_referent_writes_through_the_followup_services(
    followed, sagefemme, outsider, parent, coordinator
):
    goal = CareGoal.objects.create(family=followed, title="Objectif")
    for user in (sagefemme, outsider, parent, coordinator, None):
        for write in _writes(followed, goal, user):
            with pytest.raises(PermissionDenied):
                write()
    assert not Contact.objects.exists() and not CaseReview.objects.exists()
    assert CareGoal.objects.get().status == GoalStatus.OPEN
    assert not AuditEvent.objects.filter(action__startswith="followup.").exists()


def test_the_referent_writes_through_the_followup_services(followed, referente):
    goal = CareGoal.objects.create(family=followed, title="Objectif")
    for write in _writes(followed, goal, referente):
        write()
    assert Contact.objects.count() == 1 and CaseReview.objects.count() == 1
    assert CareGoal.objects.get(pk=goal.pk).status == GoalStatus.REACHED
    assert AuditEvent.objects.filter(action__startswith="followup.").count() == 4
