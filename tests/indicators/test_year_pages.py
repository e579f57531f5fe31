"""Both indicators pages show one year's figures: the same year selector, the date the
figures were computed, then the page's own filters and sections."""

from __future__ import annotations

import pytest
from django.urls import reverse

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
