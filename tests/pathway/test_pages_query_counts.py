"""No N+1: the number of queries of the pages does not grow with the data shown."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from millejours.pathway import services
from millejours.pathway.calendar import materialise
from tests import factories

pytestmark = pytest.mark.django_db


def _count(client, url):
    client.get(url)  # the first request of a session also writes the session
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _born_family(sagefemme, twins: int):
    family = factories.family(care_team=[sagefemme], lmp=timezone.localdate() - timedelta(weeks=60))
    pregnancy = family.pregnancies.get()
    pregnancy.fetus_count = twins
    pregnancy.save()
    services.birth_record(
        pregnancy=pregnancy,
        user=sagefemme,
        birth_date=pregnancy.lmp + timedelta(weeks=38),
        gestational_age_weeks=38,
        children=[{"first_name": f"Enfant{i}"} for i in range(twins)],
    )
    return family


def test_family_record_queries_do_not_grow_with_children_and_milestones(login, sagefemme, family):
    materialise(family.pregnancies.all())
    client = login(sagefemme)
    small = _count(client, reverse("pathway:family_detail", args=[family.pk]))
    big = _born_family(sagefemme, twins=3)
    services.pregnancy_record(
        family=big, user=sagefemme, lmp=timezone.localdate() - timedelta(days=30)
    )
    assert (
        _count(client, reverse("pathway:family_detail", args=[big.pk])) <= small + 1
    )  # +1: children prefetch


def test_family_list_queries_do_not_grow_with_families(login, sagefemme, family):
    client = login(sagefemme)
    one = _count(client, reverse("pathway:family_list"))
    for _ in range(5):
        _born_family(sagefemme, twins=1)
    assert _count(client, reverse("pathway:family_list")) == one


def test_worklist_queries_do_not_grow_with_families(login, sagefemme, family):
    materialise(family.pregnancies.all())
    client = login(sagefemme)
    url = reverse("pathway:worklist") + "?liste=upcoming"
    one = _count(client, url)
    for _ in range(4):
        _born_family(sagefemme, twins=2)
    assert _count(client, url) == one


def test_parent_calendar_queries_do_not_grow_with_children(login, parent, family, sagefemme):
    materialise(family.pregnancies.all())
    client = login(parent)
    before = _count(client, reverse("pathway:parent_calendar"))
    pregnancy = family.pregnancies.get()
    pregnancy.lmp = timezone.localdate() - timedelta(weeks=41)
    pregnancy.fetus_count = 2
    pregnancy.save()
    services.birth_record(
        pregnancy=pregnancy,
        user=sagefemme,
        birth_date=timezone.localdate() - timedelta(days=5),
        gestational_age_weeks=40,
        children=[{"first_name": "A"}, {"first_name": "B"}],
    )
    assert _count(client, reverse("pathway:parent_calendar")) == before
