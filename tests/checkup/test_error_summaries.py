"""The checkup questionnaire and the plan form show one error summary with focusable links."""

import pytest
from django.urls import reverse

from millejours.checkup import services
from tests.error_summary import summary_links

pytestmark = pytest.mark.django_db


def test_an_empty_checkup_links_its_error_to_the_first_question(login, parent, family):
    response = login(parent).post(reverse("checkup:parent_checkup"), {})
    assert response.status_code == 400
    links = summary_links(response.content.decode())
    assert len(links) == 1


def test_a_plan_without_a_goal_has_one_summary(login, parent, sagefemme, family):
    checkup = services.checkup_submit(
        family=family, user=parent, answers={"sommeil": "oui"}, motivation={}
    )
    url = reverse("checkup:detail", args=[family.pk, checkup.pk])
    html = login(sagefemme).post(url, {}).content.decode()
    summary_links(html)
    assert "au moins un objectif" in html
