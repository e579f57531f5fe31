"""In a real browser: the parent creates the subscription link and the feed is fetched."""

import pytest
from icalendar import Calendar

from millejours.pathway.calendar import materialise
from millejours.pathway.models import OPEN_STATES, Milestone
from tests import factories


@pytest.mark.browser
def test_the_parent_fetches_the_ical_feed_from_the_calendar_page(
    transactional_db, page, browser_login, parent, family
):
    materialise(family.pregnancies.all())
    browser_login(parent, factories.PASSWORD)
    page.goto("/familles/mon-calendrier/")
    page.get_by_role("button", name="Créer mon lien d'abonnement").click()
    link = page.get_by_role("link", name="Télécharger le calendrier (.ics)")
    href = link.get_attribute("href")
    assert href.endswith(".ics")
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(response.body()).walk("VEVENT")
    assert len(events) == Milestone.objects.filter(family=family, state__in=OPEN_STATES).count() > 0
