"""Both indicators pages show one year's figures: the same year selector, the date the
figures were computed, then the page's own filters and sections."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from millejours.indicators.years import chosen_year, year_choices

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["indicators:dashboard", "indicators:thousand_days"])
def test_an_indicators_page_offers_the_year_selector_with_the_chosen_year(login, coordinator, page):
    html = login(coordinator).get(reverse(page), {"annee": 2024}).content.decode()
    assert '<label for="annee">Année</label>' in html
    assert '<option value="2024" selected>2024</option>' in html
    assert html.count(" selected>") == 1 + (page == "indicators:thousand_days")
    assert "Chiffres calculés le " in html
    assert html.index('id="annee"') < html.index(">Afficher</button>") < html.index("<section")


def test_the_thousand_days_page_adds_its_indicator_after_the_year(login, coordinator):
    html = login(coordinator).get(reverse("indicators:thousand_days")).content.decode()
    assert html.index('id="annee"') < html.index('id="indicateur"') < html.index(">Afficher<")


@pytest.mark.parametrize(
    ("asked", "shown"), [(None, 2026), ("2023", 2023), ("2027", 2027), ("2031", 2027)]
)
def test_a_page_shows_the_year_asked_for_at_most_next_year(rf, asked, shown):
    request = rf.get("/", {"annee": asked} if asked else {})
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False):
        assert chosen_year(request) == shown
        assert year_choices() == [2026, 2025, 2024, 2023, 2022, 2021]
