"""The parent's calendar keeps a fixed number of SQL queries (issue 12, load test): its
rows (``{% parent_items %}``) read the children's first names loaded with the steps, so a
second child and more steps cost no query."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from millejours.pathway.calendar import materialise
from millejours.pathway.models import Child, Milestone, MilestoneState

pytestmark = pytest.mark.django_db
URL = reverse("pathway:parent_calendar")


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def child_steps(family, name: str, count: int) -> None:
    pregnancy = family.pregnancies.get()
    today = timezone.localdate()
    child = Child.objects.create(
        family=family,
        pregnancy=pregnancy,
        first_name=name,
        birth_date=today,
        gestational_age_weeks=39,
    )
    for k in range(count):
        day = today + timedelta(days=30 * k)
        Milestone.objects.create(
            family=family,
            pregnancy=pregnancy,
            child=child,
            subject="enfant",
            code=f"test_{name}_{k}",
            rule_version="1",
            label=f"Examen {k}",
            category="examen",
            status="compulsory",
            due=day,
            window_start=day,
            window_end=day,
            state=MilestoneState.UPCOMING,
        )


def test_calendar_queries_do_not_grow_with_steps_or_children(login, parent, family):
    materialise(family.pregnancies.all())
    client = login(parent)
    client.get(URL)  # first visit: anything done once per session
    before = queries(client)
    child_steps(family, "Lou", 3)
    child_steps(family, "Noé", 5)
    after = queries(client)
    html = client.get(URL).content.decode()
    assert "pour Lou" in html and "pour Noé" in html
    assert after == before
