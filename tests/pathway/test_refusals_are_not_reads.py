"""A refused request (403, 404, 405) never writes a read to the access log."""

import pytest
from django.urls import reverse

from millejours.audit.models import AccessLog
from millejours.pathway.calendar import materialise
from millejours.pathway.models import Milestone
from millejours.pathway.selectors import get_family_for_user

pytestmark = pytest.mark.django_db


def _reads(family):
    return AccessLog.objects.filter(family_id_ref=family.pk)


def test_a_get_on_a_post_only_action_is_refused_and_not_logged(login, sagefemme, family):
    materialise(family.pregnancies.all())
    milestone = Milestone.objects.filter(family=family).first()
    response = login(sagefemme).get(
        reverse("pathway:milestone_undo", args=[family.pk, milestone.pk])
    )
    assert response.status_code == 405
    assert not _reads(family).exists()


def test_an_object_of_another_family_is_a_404_and_not_a_read(login, sagefemme, family):
    response = login(sagefemme).get(reverse("pathway:milestone_row", args=[family.pk, 999_999]))
    assert response.status_code == 404
    assert not _reads(family).exists()


def test_an_outsider_refused_leaves_no_read(login, outsider, family):
    assert (
        login(outsider).get(reverse("pathway:family_detail", args=[family.pk])).status_code == 404
    )
    assert not _reads(family).exists()


def test_a_page_shown_is_logged_once(login, sagefemme, family):
    assert (
        login(sagefemme).get(reverse("pathway:family_detail", args=[family.pk])).status_code == 200
    )
    assert _reads(family).filter(page="pathway:family_detail", user=sagefemme).count() == 1


def test_a_form_shown_again_with_errors_is_still_a_read(login, sagefemme, family):
    response = login(sagefemme).post(
        reverse("pathway:careteam", args=[family.pk]), {"email": "inconnu@exemple.test"}
    )
    assert response.status_code == 422
    assert _reads(family).filter(page="pathway:careteam").count() == 1


def test_outside_a_request_the_selector_logs_at_once(sagefemme, family):
    get_family_for_user(sagefemme, family.pk, page="commande")
    assert _reads(family).filter(page="commande").count() == 1
