"""The follow-up panel on the family record."""

from datetime import date

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from millejours.followup.models import CareGoal, Contact

pytestmark = pytest.mark.django_db

PANEL = Template("{% load followup_panels %}{% followup_family_panel family %}")


def _render(user, family):
    request = RequestFactory().get("/")
    request.user = user
    return PANEL.render(Context({"request": request, "family": family}))


def test_the_care_team_sees_the_referent_last_contact_and_open_goals(
    sagefemme, referente, followed
):
    Contact.objects.create(
        family=followed, occurred_on=date(2026, 2, 2), channel="telephone", summary="Note privée"
    )
    CareGoal.objects.create(family=followed, title="Atelier parents")
    html = _render(sagefemme, followed)
    assert "Rose Référente" in html
    assert "02/02/2026" in html
    assert "Atelier parents" in html
    assert "Note privée" not in html
    assert "Ouvrir le suivi" not in html


def test_the_referent_gets_a_link_to_the_followup(referente, followed):
    assert f"/accompagnement/familles/{followed.pk}/" in _render(referente, followed)


def test_a_family_without_referent_says_so(sagefemme, family):
    assert "Pas de personne référente" in _render(sagefemme, family)


def test_parents_see_no_panel(parent, family):
    assert _render(parent, family).strip() == ""
