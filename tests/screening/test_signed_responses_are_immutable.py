"""A signed response cannot change; a correction is a new version and both are kept."""

import pytest
from django.core.exceptions import ValidationError

from millejours.screening import services
from millejours.screening.models import ImmutableResponseError, Respondent, Response

from .helpers import epds_for_points, epp_answers

pytestmark = pytest.mark.django_db


def test_a_signed_epds_cannot_be_modified(family, parent):
    response = services.epds_submit(
        answers=epds_for_points([0] * 10), respondent=Respondent.PARENT, family=family, user=parent
    )
    response.total = 29
    with pytest.raises(ImmutableResponseError):
        response.save()
    assert Response.objects.get(pk=response.pk).total == 0


def test_a_signed_response_cannot_be_deleted(family, sagefemme):
    response = services.epp_sign(family=family, user=sagefemme, answers=epp_answers())
    with pytest.raises(ImmutableResponseError):
        response.delete()
    assert Response.objects.filter(pk=response.pk).exists()


def test_an_unsigned_response_can_still_be_edited(family):
    draft = Response.objects.create(
        questionnaire="epp", version="vulnerabilites.v1", family=family, respondent="professionnel"
    )
    draft.answers = {"participants": "couple"}
    draft.save()
    assert Response.objects.get(pk=draft.pk).answers == {"participants": "couple"}


def test_a_correction_supersedes_and_keeps_the_first_version(family, sagefemme):
    first = services.epp_sign(family=family, user=sagefemme, answers=epp_answers(violences="oui"))
    second = services.epp_sign(
        family=family, user=sagefemme, answers=epp_answers(), supersedes=first
    )
    first.refresh_from_db()
    assert second.supersedes == first
    assert first.superseded_by == second
    assert first.answers["violences"] == "oui"
    assert Response.objects.filter(family=family, questionnaire="epp").count() == 2


def test_a_version_can_only_be_corrected_once(family, sagefemme):
    first = services.epp_sign(family=family, user=sagefemme, answers=epp_answers())
    services.epp_sign(family=family, user=sagefemme, answers=epp_answers(), supersedes=first)
    with pytest.raises(ValidationError):
        services.epp_sign(family=family, user=sagefemme, answers=epp_answers(), supersedes=first)


def test_the_questionnaire_version_is_stored_with_each_response(family, parent):
    response = services.epds_submit(
        answers=epds_for_points([1] * 10), respondent=Respondent.PARENT, family=family, user=parent
    )
    assert (response.questionnaire, response.version) == ("epds", "fr-guedeney-1998.v2")


def test_erasing_a_family_removes_every_version(family, sagefemme):
    first = services.epp_sign(family=family, user=sagefemme, answers=epp_answers(violences="oui"))
    services.epp_sign(family=family, user=sagefemme, answers=epp_answers(), supersedes=first)
    family.delete()
    assert not Response.objects.exists()


def test_answers_are_encrypted_at_rest(family, sagefemme):
    from django.db import connection

    response = services.epp_sign(
        family=family, user=sagefemme, answers=epp_answers(violences="oui")
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM screening_response WHERE id = %s", [response.pk])
        (stored,) = cursor.fetchone()
    assert "violences" not in stored and stored.startswith("fernet:")
    assert Response.objects.get(pk=response.pk).answers["violences"] == "oui"
