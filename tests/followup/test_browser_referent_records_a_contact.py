"""In a real browser: the referent opens her caseload, a family, and records a contact."""

import pytest
from playwright.sync_api import expect

from millejours.followup.models import Contact


@pytest.mark.browser
def test_the_referent_records_a_contact_from_her_caseload(
    transactional_db, page, browser_login, referente, followed
):
    browser_login(referente)
    page.goto("/")
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Accompagnement"
    ).click()
    page.get_by_role("table").get_by_role("link", name="Foyer Suivi").click()
    page.get_by_role("heading", name="Accompagnement de la famille Foyer Suivi").wait_for()
    page.get_by_label("Type de contact").select_option(label="Appel téléphonique")
    page.get_by_label("Compte rendu").fill("Appel : la maman dort mieux.")
    page.get_by_role("button", name="Enregistrer le contact").click()
    expect(page.get_by_role("status")).to_contain_text("Contact enregistré.")
    expect(page.locator("#h-contacts + ol")).to_contain_text("Appel : la maman dort mieux.")
    assert Contact.objects.get().summary == "Appel : la maman dort mieux."
