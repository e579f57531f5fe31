"""In a real browser: the sage-femme opens a family timeline and marks a milestone done."""

import pytest
from playwright.sync_api import expect

from millejours.pathway.calendar import materialise
from millejours.pathway.models import Milestone, MilestoneState


@pytest.mark.browser
def test_the_sagefemme_marks_a_milestone_done_and_the_badge_changes(
    transactional_db, page, browser_login, sagefemme, family
):
    materialise(family.pregnancies.all())
    milestone = (
        Milestone.objects.filter(family=family, state=MilestoneState.DUE).order_by("due").first()
    )
    browser_login(sagefemme)
    page.goto("/familles/")
    page.get_by_role("link", name=family.display_name).click()
    page.get_by_role("heading", name="Parcours des 1000 jours").wait_for()
    row = page.locator(f"#etape-{milestone.pk}")
    expect(row.locator(".badge").first).to_have_text("À faire")
    row.get_by_role("link", name=f"Marquer comme fait : {milestone.label}").click()
    form = page.get_by_role("form", name=f"Marquer « {milestone.label} » comme fait")
    form.get_by_label("Note (facultatif)").fill("Réalisé au cabinet")
    form.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(f"#etape-{milestone.pk} .badge").first).to_have_text("Fait")
    expect(page.locator(f"#etape-{milestone.pk}")).to_contain_text("par Sophie Martin (Sage-femme)")
    milestone.refresh_from_db()
    assert milestone.state == MilestoneState.DONE and milestone.done_by == sagefemme
