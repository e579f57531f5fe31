"""Who may sign, correct, confirm and close is decided by the write services themselves:
a caller that skips the pages (another view, an htmx endpoint, a command) meets the same
rules, and a refusal writes nothing, not even an audit event."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from millejours.accounts.models import Role
from millejours.audit.models import AuditEvent
from millejours.pathway.models import CareTeamMember
from millejours.screening import services
from millejours.screening.models import (
    AlertStatus,
    AlertTask,
    FlagStatus,
    QuestionnaireCode,
    Respondent,
    Response,
)
from tests import factories

from .helpers import epds_for_points, epp_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(family):
    """A professional of the family's care team who did not sign the EPP."""
    user = factories.user(email="collegue.droits@test.millejours.fr")
    CareTeamMember.objects.create(family=family, user=user)
    return user


def _epps(family):
    return Response.objects.filter(family=family, questionnaire=QuestionnaireCode.EPP)


def test_only_the_professional_who_signed_an_epp_corrects_it(family, sagefemme, colleague):
    first = services.epp_sign(family=family, user=sagefemme, answers=epp_answers(violences="oui"))
    with pytest.raises(PermissionDenied, match="Seule la personne qui a signé"):
        services.epp_sign(family=family, user=colleague, answers=epp_answers(), supersedes=first)
    assert list(_epps(family)) == [first]
    assert not AuditEvent.objects.filter(action="screening.epp.corrected").exists()
    # The signer still corrects it.
    services.epp_sign(family=family, user=sagefemme, answers=epp_answers(), supersedes=first)
    assert _epps(family).count() == 2


def test_a_professional_who_may_not_open_the_family_signs_no_epp(family, outsider, parent):
    for user in (outsider, parent):
        with pytest.raises(PermissionDenied, match="n'est pas accessible"):
            services.epp_sign(family=family, user=user, answers=epp_answers(violences="oui"))
    assert not _epps(family).exists()
    assert not AuditEvent.objects.filter(action__startswith="screening.epp").exists()


def test_a_flag_not_shared_with_the_user_cannot_be_confirmed(
    family, sagefemme, colleague, outsider
):
    response = services.epp_sign(
        family=family, user=sagefemme, answers=epp_answers(violences="oui", isolement="oui")
    )
    flags = {f.domain: f for f in response.flags.all()}
    # Not shared (proposed, without consent): only its author sees it.
    with pytest.raises(PermissionDenied):
        services.flag_confirm(flag=flags["violences"], user=colleague, consent_share=True)
    # Shared with the team, but the outsider may not open the family.
    services.flag_confirm(flag=flags["isolement"], user=sagefemme, consent_share=True)
    with pytest.raises(PermissionDenied):
        services.flag_confirm(
            flag=flags["isolement"], user=outsider, consent_share=False, confirmed=False
        )
    for flag in flags.values():
        flag.refresh_from_db()
    assert flags["violences"].status == FlagStatus.PROPOSED
    assert flags["violences"].confirmed_by is None
    assert (flags["isolement"].status, flags["isolement"].confirmed_by) == (
        FlagStatus.CONFIRMED,
        sagefemme,
    )
    assert AuditEvent.objects.filter(action__startswith="screening.flag.").count() == 1
    # A colleague confirms a flag the family agreed to share, as on the page.
    services.flag_confirm(flag=flags["isolement"], user=colleague, consent_share=True)


@pytest.fixture
def alert(family, parent):
    """The alert task raised by the parent's EPDS with item 10 positive."""
    services.epds_submit(
        answers=epds_for_points([0] * 9 + [2]),
        respondent=Respondent.PARENT,
        family=family,
        user=parent,
    )
    return AlertTask.objects.get()


def test_an_alert_of_a_family_the_user_may_not_open_cannot_be_closed(
    alert, parent, sagefemme, outsider
):
    for user in (outsider, parent):
        with pytest.raises(PermissionDenied, match="n'est pas accessible"):
            services.alert_close(alert=alert, user=user, action_taken="Appel passé")
    alert.refresh_from_db()
    assert (alert.status, alert.closed_by, alert.action_taken) == (AlertStatus.OPEN, None, "")
    assert not AuditEvent.objects.filter(action="screening.alert.closed").exists()


def test_a_team_member_who_left_cannot_close_the_alert(alert, family, sagefemme):
    CareTeamMember.objects.filter(family=family, user=sagefemme).update(removed_at=timezone.now())
    with pytest.raises(PermissionDenied):
        services.alert_close(alert=alert, user=sagefemme, action_taken="Appel passé")
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN


@pytest.mark.parametrize("persona", ["outsider", "coordinator", "partner"])
def test_an_epds_is_filed_only_by_the_family_s_parent_or_its_care_team(
    family, sagefemme, parent, persona, request
):
    answers = epds_for_points([0, 1, 1, 1, 0, 1, 0, 0, 0, 0])
    with pytest.raises(PermissionDenied):
        services.epds_submit(
            answers=answers,
            respondent=Respondent.PROFESSIONAL,
            family=family,
            user=request.getfixturevalue(persona),
        )
    other_parent = factories.user(Role.PARENT, email="autre.parent@test.millejours.fr")
    factories.family(parent_user=other_parent)
    with pytest.raises(PermissionDenied):
        services.epds_submit(
            answers=answers, respondent=Respondent.PARENT, family=family, user=other_parent
        )
    assert not Response.objects.exists() and not AuditEvent.objects.exists()
    services.epds_submit(
        answers=answers, respondent=Respondent.PROFESSIONAL, family=family, user=sagefemme
    )
    services.epds_submit(answers=answers, respondent=Respondent.PARENT, family=family, user=parent)
    services.epds_submit(answers=answers, respondent=Respondent.ANONYMOUS)
    assert Response.objects.count() == 3
