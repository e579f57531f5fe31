"""Check-up services: storage, flags, pathway link, plan, reviews, indicators."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from millejours.audit.models import AuditEvent
from millejours.checkup import selectors, services
from millejours.checkup.models import FlagStatus, Progress, Stage
from millejours.pathway.calendar import materialise
from millejours.pathway.models import MilestoneState
from millejours.pathway.services import birth_record

pytestmark = pytest.mark.django_db
ANSWERS = {"tabac": "oui", "violence": "oui", "sommeil": "non", "alcool_vrai_faux": "faux"}
MOTIVATION = {"consommations": {"talk": True, "importance": 9, "confidence": 4}}


def _goal(**extra):
    return {
        "domain": "consommations",
        "words": "Fumer moins de 5 cigarettes",
        "first_steps": "Appeler le 39 89",
        "review_on": timezone.localdate() + timedelta(days=30),
        **extra,
    }


def test_a_parent_checkup_is_stored_with_its_version_stage_and_motivation(family, parent):
    checkup = services.checkup_submit(
        family=family, user=parent, answers=ANSWERS, motivation=MOTIVATION
    )
    checkup.refresh_from_db()
    assert checkup.version == "2026.1" and checkup.stage == Stage.PREGNANCY
    assert checkup.filled_as == "parent" and checkup.person.user == parent
    assert checkup.answers["tabac"] == "oui"
    assert checkup.motivation["consommations"]["importance"] == 9
    assert checkup.talk_domains == ["consommations"]
    assert AuditEvent.objects.filter(action="checkup.submitted", family_id_ref=family.pk).exists()


def test_answers_touching_epp_domains_propose_flags_to_confirm(family, parent, sagefemme):
    checkup = services.checkup_submit(family=family, user=parent, answers=ANSWERS, motivation={})
    assert sorted(f.domain for f in checkup.flags.all()) == ["addictions", "violences"]
    flag = checkup.flags.get(domain="violences")
    assert flag.status == FlagStatus.PROPOSED and str(flag) == "Violences"  # the EPP's label
    services.flag_review(flag=flag, user=sagefemme, confirmed=True)
    assert flag.status == FlagStatus.CONFIRMED and flag.confirmed_by == sagefemme
    with pytest.raises(ValidationError):
        services.flag_review(flag=flag, user=sagefemme, confirmed=False)


def test_a_checkup_during_pregnancy_marks_the_prenatal_prevention_milestone_done(family, parent):
    materialise(family.pregnancies.all())
    milestone = family.milestones.get(code="bilan_prenatal_prevention")
    assert milestone.state != MilestoneState.DONE
    services.checkup_submit(family=family, user=parent, answers={"sommeil": "oui"}, motivation={})
    milestone.refresh_from_db()
    assert milestone.state == MilestoneState.DONE and milestone.done_on == timezone.localdate()


def test_after_the_birth_the_checkup_can_be_repeated(family, sagefemme):
    pregnancy = family.pregnancies.get()
    birth_record(
        pregnancy=pregnancy,
        user=sagefemme,
        birth_date=timezone.localdate() - timedelta(days=20),
        gestational_age_weeks=39,
        children=[{"first_name": "Léo", "sex": "M"}],
    )
    first = services.checkup_submit(
        family=family, user=sagefemme, answers={"sommeil": "oui"}, motivation={}
    )
    second = services.checkup_submit(
        family=family, user=sagefemme, answers={"sommeil": "oui"}, motivation={}
    )
    assert first.stage == second.stage == Stage.AFTER_BIRTH
    assert family.checkups.count() == 2


def test_a_plan_holds_one_to_three_goals_in_the_persons_words(family, parent, sagefemme):
    checkup = services.checkup_submit(
        family=family, user=parent, answers={"sommeil": "oui"}, motivation={}
    )
    with pytest.raises(ValidationError, match="au moins un objectif"):
        services.plan_save(checkup=checkup, user=sagefemme, goals=[], consent_share=True)
    with pytest.raises(ValidationError, match="Trois objectifs au plus"):
        services.plan_save(checkup=checkup, user=sagefemme, goals=[_goal()] * 4, consent_share=True)
    with pytest.raises(ValidationError, match="passée"):
        services.plan_save(
            checkup=checkup,
            user=sagefemme,
            consent_share=True,
            goals=[_goal(review_on=timezone.localdate() - timedelta(days=1))],
        )
    plan = services.plan_save(
        checkup=checkup,
        user=sagefemme,
        consent_share=True,
        goals=[_goal(), _goal(domain="repos", words="Faire une sieste")],
    )
    assert [g.words for g in plan.goals.all()] == [
        "Fumer moins de 5 cigarettes",
        "Faire une sieste",
    ]


def test_goal_reviews_keep_a_history_and_move_the_next_date(family, parent, sagefemme):
    checkup = services.checkup_submit(
        family=family, user=parent, answers={"sommeil": "oui"}, motivation={}
    )
    goal = services.plan_save(
        checkup=checkup, user=sagefemme, goals=[_goal()], consent_share=True
    ).goals.get()
    later = timezone.localdate() + timedelta(days=60)
    with pytest.raises(ValidationError, match="quand revoir"):
        services.goal_review(goal=goal, user=sagefemme, progress=Progress.ONGOING)
    services.goal_review(
        goal=goal,
        user=sagefemme,
        progress=Progress.ONGOING,
        note="10 par jour",
        next_review_on=later,
    )
    services.goal_review(goal=goal, user=sagefemme, progress=Progress.REACHED)
    goal.refresh_from_db()
    assert goal.status == Progress.REACHED and goal.review_on == later
    assert [r.progress for r in goal.reviews.all()] == [Progress.REACHED, Progress.ONGOING]


def test_the_care_team_sees_the_plan_only_with_the_familys_consent(family, parent, sagefemme):
    from millejours.audit.services import consent_withdraw
    from millejours.pathway.models import CareTeamMember
    from tests import factories

    colleague = factories.user(email="collegue@test.millejours.fr")
    CareTeamMember.objects.create(family=family, user=colleague)
    checkup = services.checkup_submit(
        family=family, user=parent, answers={"sommeil": "oui"}, motivation={}
    )
    plan = services.plan_save(checkup=checkup, user=sagefemme, goals=[_goal()], consent_share=False)
    assert selectors.can_see_plan(plan, sagefemme)  # the author
    assert not selectors.can_see_plan(plan, colleague)
    plan = services.plan_save(checkup=checkup, user=sagefemme, goals=[_goal()], consent_share=True)
    assert selectors.can_see_plan(plan, colleague)
    until = timezone.localdate() + timedelta(days=60)
    assert selectors.goals_to_review_for(colleague, until=until).count() == 1
    consent_withdraw(family=family, scope="partage_equipe", withdrawn_by=parent)
    assert not selectors.can_see_plan(plan, colleague)
    assert selectors.goals_to_review_for(colleague, until=until).count() == 0
    assert selectors.goals_to_review_for(sagefemme, until=until).count() == 1


def test_indicators_count_checkups_domains_and_goals_per_stage(family, parent, sagefemme):
    checkup = services.checkup_submit(
        family=family, user=parent, answers={"sommeil": "oui"}, motivation=MOTIVATION
    )
    plan = services.plan_save(
        checkup=checkup,
        user=sagefemme,
        consent_share=True,
        goals=[_goal(), _goal(domain="repos", words="Dormir")],
    )
    services.goal_review(goal=plan.goals.first(), user=sagefemme, progress=Progress.REACHED)
    counts = selectors.indicators()
    assert counts == {
        "grossesse": {
            "checkups": 1,
            "domains_chosen": {"consommations": 1},
            "goals_set": 2,
            "goals_reached": 1,
        }
    }


def test_indicators_leave_out_families_that_withdrew_their_consent(family, parent, sagefemme):
    from millejours.audit.services import consent_withdraw

    services.checkup_submit(family=family, user=parent, answers={"sommeil": "oui"}, motivation={})
    consent_withdraw(family=family, scope="donnees_pseudonymisees", withdrawn_by=parent)
    assert selectors.indicators() == {}


def test_a_goal_carries_resources_from_the_directory(family, parent, sagefemme, commune):
    from tests.directory import helpers

    service = helpers.service("Consultation de tabacologie", commune=commune)
    checkup = services.checkup_submit(
        family=family, user=sagefemme, answers={"tabac": "oui"}, motivation={}
    )
    assert checkup.person == family.parents.first() and checkup.filled_as == "professionnel"
    plan = services.plan_save(
        checkup=checkup, user=sagefemme, consent_share=True, goals=[_goal(resources=[service])]
    )
    assert list(plan.goals.get().resources.all()) == [service]
