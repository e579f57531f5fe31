"""The professional's two busiest pages keep a fixed number of SQL queries.

Guards the performance work of issue 12 (docs/performance.md): the worklist counts its
three buckets in the pass that gives the page's total, the family record reads each
panel once; neither grows with the number of families or milestones.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from millejours.pathway.calendar import materialise
from millejours.pathway.worklist import BUCKETS, worklist, worklist_counts

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed(sagefemme, commune):
    families = [factories.family(care_team=[sagefemme], commune_obj=commune) for _ in range(3)]
    materialise([p for f in families for p in f.pregnancies.all()])
    return families


def test_worklist_page_gives_every_bucket_count_of_the_selector(sagefemme, followed):
    page = worklist(sagefemme, bucket="upcoming")
    assert page.counts == worklist_counts(sagefemme)
    assert set(page.counts) == set(BUCKETS)
    assert page.total == page.counts["upcoming"]


def test_worklist_page_queries_do_not_grow_with_families(client, login, sagefemme, commune):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(sagefemme)
    factories.family(care_team=[sagefemme], commune_obj=commune)
    client.get(reverse("pathway:worklist"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("pathway:worklist"))
    for _ in range(5):
        factories.family(care_team=[sagefemme], commune_obj=commune)
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("pathway:worklist"))
    assert len(more) == len(few)
    counting = [q["sql"] for q in more if "COUNT(" in q["sql"].upper()]
    assert len(counting) == 1  # the three buckets in one pass


def test_family_record_queries_do_not_grow_with_milestones(client, login, sagefemme, family):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    materialise(list(family.pregnancies.all()))
    login(sagefemme)
    url = reverse("pathway:family_detail", args=[family.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert family.milestones.count() > 10
    assert len(ctx) <= 32
