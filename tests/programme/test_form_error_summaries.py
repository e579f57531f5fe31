"""The fiche editor (a form and its formsets), the indicator values (a formset) and the
satisfaction questionnaire show one error summary linked to the fields."""

import pytest

from millejours.programme.services.registrations import registration_create, satisfaction_token
from tests.error_summary import summary_links

from . import builders
from .test_fiche_pages import BASE, _empty_lists, _management

pytestmark = pytest.mark.django_db


def test_the_fiche_editor_sums_up_the_form_and_formset_errors(login, coordinator):
    data = {**BASE, "title": "", **_empty_lists(), **_management("budget", 1)}
    data.update({"budget-0-year": "", "budget-0-expense_item": "Animation"})
    html = login(coordinator).post("/programme/fiches/nouvelle/", data).content.decode()
    links = summary_links(html)
    assert "id_title" in links
    assert any(link.startswith("id_budget-0-") for link in links)
    assert "(ligne 1)" in html


def test_adding_a_row_is_not_an_error(login, coordinator):
    data = {**BASE, **_empty_lists(), "add_row": "objectives"}
    html = login(coordinator).post("/programme/fiches/nouvelle/", data).content.decode()
    assert "data-error-summary" not in html


def test_the_satisfaction_questionnaire_links_its_errors_to_the_radios(client):
    session = builders.session(builders.event(), days=1)
    reg = registration_create(
        session=session, first_name="Anne", last_name="Test", email="anne@exemple.test"
    )
    url = f"/programme/ateliers/avis/{satisfaction_token(reg)}/"
    links = summary_links(client.post(url, {"rating": "7"}).content.decode())
    assert "id_rating_0" in links
