"""In a real browser: the worklist tabs and filters update the list in place (htmx)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from millejours.pathway.calendar import materialise
from tests import factories


@pytest.mark.browser
def test_the_sagefemme_switches_list_and_filters_by_category(
    transactional_db, page, browser_login, sagefemme, commune
):
    family = factories.family(
        display_name="Foyer Vingt",
        care_team=[sagefemme],
        commune_obj=commune,
        lmp=timezone.localdate() - timedelta(weeks=20),
    )
    materialise(family.pregnancies.all())
    browser_login(sagefemme)
    page.goto("/familles/liste-de-travail/")
    # the first-trimester scan (recommended) ended over 30 days ago: folded into « À vérifier »
    page.get_by_role("link", name="À vérifier").click()
    expect(page.get_by_role("table")).to_contain_text("Foyer Vingt")
    expect(page.locator("caption")).to_contain_text("À vérifier")
    page.get_by_label("Catégorie").select_option("echographie")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**categorie=echographie**")
    expect(page.locator("caption")).to_contain_text("À vérifier : 1 étape")
    assert "categorie=echographie" in page.url and "liste=to_review" in page.url
