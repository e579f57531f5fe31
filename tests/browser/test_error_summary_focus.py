"""In a real browser: an invalid form with its own markup (the SMS sequence editor) moves
the focus to its error summary, whose links lead to the fields."""

import pytest
from playwright.sync_api import expect


@pytest.mark.browser
def test_the_sequence_editor_focuses_its_error_summary(
    transactional_db, page, browser_login, coordinator
):
    browser_login(coordinator)
    page.goto("/aller-vers/sequences/nouvelle/")
    page.get_by_role("button", name="Enregistrer la séquence").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Le formulaire contient")
    summary.get_by_role("link", name="Nom").first.click()
    expect(page.get_by_label("Nom")).to_be_focused()
