"""Who may fill a check-up, review its flags, write and review its plan is decided by the
write services themselves: a caller that skips the pages meets the same rules, and a
refusal writes nothing, not even an audit event."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from millejours.audit.models import AuditEvent
from millejours.checkup import services
from millejours.checkup.models import Checkup, FlagStatus, GoalReview, Plan, Progress
from millejours.pathway.models import CareTeamMember
from tests import factories

pytestmark = pytest.mark.django_db


def _goal(words="Fumer moins de 5 cigarettes"):
    return {
        "domain": "consommations",
        "words": words,
        "first_steps": "",
        "review_on": timezone.localdate() + timedelta(days=30),
    }


@pytest.fixture
def colleague(family):
    """A professional of the care team who is neither the plan's author nor the referent."""
    user = factories.user(email="collegue.bilan@test.millejours.fr")
    CareTeamMember.objects.create(family=family, user=user)
    return user


@pytest.fixture
def checkup(family, parent):
    return services.checkup_submit(
        family=family, user=parent, answers={"tabac": "oui", "violence": "oui"}, motivation={}
    )


def test_a_checkup_is_filled_only_for_ones_own_family_or_a_care_team_family(
    family, sagefemme, outsider, coordinator
):
    other_parent = factories.user("parent", email="autre.parent@test.millejours.fr")
    factories.family(parent_user=other_parent, care_team=[sagefemme])
    for user in (other_parent, outsider, coordinator):
        with pytest.raises(PermissionDenied, match="n'est pas accessible"):
            services.checkup_submit(
                family=family, user=user, answers={"sommeil": "oui"}, motivation={}
            )
    assert not Checkup.objects.exists()
    assert not AuditEvent.objects.filter(action="checkup.submitted").exists()


def test_a_checkup_is_about_a_person_of_the_family(family, sagefemme):
    """``person``: one of the family's parents, never somebody of another family."""
    stranger = factories.family(care_team=[sagefemme]).parents.get()
    with pytest.raises(ValidationError):
        services.checkup_submit(
            family=family,
            user=sagefemme,
            answers={"sommeil": "oui"},
            motivation={},
            person=stranger,
        )
    assert not Checkup.objects.exists()


def test_an_outsider_reviews_no_flag(checkup, outsider):
    flag = checkup.flags.get(domain="violences")
    with pytest.raises(PermissionDenied, match="n'est pas accessible"):
        services.flag_review(flag=flag, user=outsider, confirmed=True)
    flag.refresh_from_db()
    assert (flag.status, flag.confirmed_by) == (FlagStatus.PROPOSED, None)
    assert not AuditEvent.objects.filter(action__startswith="checkup.flag.").exists()


def test_a_plan_not_shared_with_the_user_is_not_rewritten(checkup, sagefemme, colleague):
    plan = services.plan_save(checkup=checkup, user=sagefemme, goals=[_goal()], consent_share=False)
    with pytest.raises(PermissionDenied):
        services.plan_save(
            checkup=checkup, user=colleague, goals=[_goal("Autre chose")], consent_share=True
        )
    plan.refresh_from_db()
    assert not plan.consent_share
    assert [g.words for g in plan.goals.all()] == ["Fumer moins de 5 cigarettes"]
    assert AuditEvent.objects.filter(action="checkup.plan.saved").count() == 1
    # Once the person agreed to share it, the colleague may change it, as on the page.
    services.plan_save(checkup=checkup, user=sagefemme, goals=[_goal()], consent_share=True)
    services.plan_save(checkup=checkup, user=colleague, goals=[_goal("Autre")], consent_share=True)


def test_an_outsider_writes_no_plan(checkup, outsider):
    with pytest.raises(PermissionDenied, match="n'est pas accessible"):
        services.plan_save(checkup=checkup, user=outsider, goals=[_goal()], consent_share=True)
    assert not Plan.objects.exists()
    assert not AuditEvent.objects.filter(action="checkup.plan.saved").exists()


def test_a_goal_of_a_plan_not_shared_with_the_user_is_not_reviewed(
    checkup, sagefemme, colleague, outsider
):
    goal = services.plan_save(
        checkup=checkup, user=sagefemme, goals=[_goal()], consent_share=False
    ).goals.get()
    with pytest.raises(PermissionDenied):
        services.goal_review(goal=goal, user=colleague, progress=Progress.REACHED)
    Plan.objects.update(consent_share=True)  # shared now, but not with an outsider
    goal.refresh_from_db()
    with pytest.raises(PermissionDenied, match="n'est pas accessible"):
        services.goal_review(goal=goal, user=outsider, progress=Progress.REACHED)
    goal.refresh_from_db()
    assert goal.status == Progress.ONGOING
    assert not GoalReview.objects.exists()
    assert not AuditEvent.objects.filter(action="checkup.goal.reviewed").exists()
