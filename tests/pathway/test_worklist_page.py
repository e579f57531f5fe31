"""The professional's worklist page: three lists, filters, pagination, panels on top."""

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.pathway.calendar import materialise
from millejours.pathway.models import Milestone
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("pathway:worklist")


def _late(family):
    return (
        Milestone.objects.filter(
            family=family, window_end__lt=timezone.localdate(), status="compulsory"
        )
        .order_by("due")
        .first()
    )


def test_the_worklist_shows_this_week_by_default(login, sagefemme, followed):
    response = login(sagefemme).get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ma liste de travail" in html
    assert 'aria-current="page">Cette semaine' in html


def test_the_late_list_shows_late_milestones_of_followed_families(login, sagefemme, followed):
    late = _late(followed)
    html = login(sagefemme).get(URL, {"liste": "late"}).content.decode()
    assert late.label in html and followed.display_name in html


def test_families_outside_the_care_team_never_appear(login, outsider, followed):
    html = login(outsider).get(URL, {"liste": "late"}).content.decode()
    assert followed.display_name not in html


def test_the_category_filter_narrows_the_list(login, sagefemme, followed):
    client = login(sagefemme)
    upcoming = client.get(URL, {"liste": "upcoming", "categorie": "echographie"}).content.decode()
    assert "chographie" in upcoming
    rows = upcoming.split("<tbody>")[1]
    assert "Vaccin" not in rows and "Examen prénatal" not in rows


def test_the_commune_filter_and_search_narrow_the_list(login, sagefemme, followed):
    other = factories.family(
        display_name="Foyer Ailleurs",
        care_team=[sagefemme],
        commune_obj=factories.commune(insee_code="31157", name="Escalquens"),
    )
    materialise(other.pregnancies.all())
    client = login(sagefemme)
    by_commune = client.get(URL, {"liste": "upcoming", "commune": "31157"}).content.decode()
    by_name = client.get(URL, {"liste": "upcoming", "q": followed.display_name}).content.decode()
    assert (
        "Foyer Ailleurs" in by_commune
        and followed.display_name not in by_commune.split("<tbody>")[1]
    )
    assert "Foyer Ailleurs" not in by_name.split("<tbody>")[1]


def test_the_worklist_is_paginated(login, sagefemme, followed, settings):
    settings.MILLEJOURS_WORKLIST_PAGE_SIZE = 5
    client = login(sagefemme)
    html = client.get(URL, {"liste": "upcoming"}).content.decode()
    assert "Page 1 sur" in html and "Page suivante" in html
    assert "Page 2 sur" in client.get(URL, {"liste": "upcoming", "page": 2}).content.decode()


def test_the_screening_and_orientation_panels_come_first():
    from django.template.loader import get_template

    source = get_template("pathway/worklist.html").template.source
    assert source.index("{% screening_worklist_panel %}") < source.index(
        "{% orientations_worklist_panel %}"
    )
    assert source.index("{% orientations_worklist_panel %}") < source.index("<table")


def test_a_parent_cannot_open_the_worklist(login, parent):
    assert login(parent).get(URL).status_code == 403
