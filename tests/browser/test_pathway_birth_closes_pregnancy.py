"""In a real browser: after a birth at 32 SA, the parent's calendar shows no pregnancy step
late (shared reference calendar.md: a birth ends the pregnancy; issue 10)."""

import datetime as dt

import pytest

from millejours.pathway import services
from millejours.pathway.calendar import get_rules, materialise
from millejours.pathway.models import Milestone, MilestoneState
from tests import factories

PREGNANCY_ONLY = {r.code for r in get_rules().by_subject("grossesse")}


@pytest.mark.browser
def test_a_parent_after_a_birth_at_32_weeks_sees_no_late_pregnancy_step(
    transactional_db, page, browser_login, parent, family, sagefemme
):
    today = dt.date.today()
    pregnancy = family.pregnancies.get()
    pregnancy.lmp = today - dt.timedelta(days=32 * 7 + 5)
    pregnancy.save()
    materialise([pregnancy], today=today - dt.timedelta(days=6))  # the day before the birth
    assert Milestone.objects.filter(
        pregnancy=pregnancy, state=MilestoneState.LATE
    ).exists()  # missed steps
    services.birth_record(
        pregnancy=pregnancy,
        user=sagefemme,
        birth_date=today - dt.timedelta(days=5),
        gestational_age_weeks=32,
    )

    browser_login(parent, factories.PASSWORD)
    page.goto("/familles/mon-calendrier/")
    items = page.locator("li[data-code]")
    shown = [items.nth(i).get_attribute("data-code") for i in range(items.count())]
    assert "visite_retour_domicile" in shown and "examen_enfant_2sem" in shown
    assert not set(shown) & PREGNANCY_ONLY
    late = page.locator("li.state-en_retard[data-code]")
    assert (
        not {late.nth(i).get_attribute("data-code") for i in range(late.count())} & PREGNANCY_ONLY
    )
