"""Review flags are for the medical referent's page only (issue 10, item 5).

Parents and professionals never see « ⚠ règle à valider » / « À valider » badges, even on
steps, questionnaires and indicators marked ``review: true``.
"""

import re

import pytest

from millejours.pathway.calendar.store import materialise
from millejours.pathway.models import Milestone

pytestmark = pytest.mark.django_db

BADGE = re.compile(r"review-flag|r[èe]gle à valider|à valider", re.IGNORECASE)


@pytest.fixture
def flagged_family(family):
    materialise(family.pregnancies.all())
    assert Milestone.objects.filter(family=family).update(review=True) > 0
    return family


def main_of(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_parent_pages_show_no_review_badge(flagged_family, parent, login):
    client = login(parent)
    for url in ("/familles/mon-calendrier/", "/reperage/epds/"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert not BADGE.search(main_of(page.content.decode())), url


def test_the_professional_pages_show_no_review_badge(flagged_family, sagefemme, login):
    client = login(sagefemme)
    family = flagged_family
    urls = (
        "/familles/liste-de-travail/",
        f"/familles/{family.pk}/",
        f"/reperage/familles/{family.pk}/epds/",
        f"/reperage/familles/{family.pk}/epp/",
    )
    for url in urls:
        page = client.get(url)
        assert page.status_code == 200, url
        assert not BADGE.search(main_of(page.content.decode())), url


def test_the_indicators_dashboard_shows_no_review_badge(coordinator, login):
    html = main_of(login(coordinator).get("/indicateurs/").content.decode())
    assert not BADGE.search(html)
