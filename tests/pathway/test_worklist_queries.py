"""The worklist selector's queries: a fixed number, and rows that render without more.

Guards the speed work of issue 12 (docs/performance.md, « Third pass (worklist) »).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from millejours.pathway.calendar import materialise
from millejours.pathway.templatetags.worklist_rows import worklist_row
from millejours.pathway.worklist import worklist
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def families(sagefemme, commune):
    lmp = timezone.localdate() - timedelta(weeks=30)
    found = [factories.family(care_team=[sagefemme], commune_obj=commune, lmp=lmp)]
    found.append(factories.family(care_team=[sagefemme], commune_obj=commune, lmp=lmp))
    materialise([p for f in found for p in f.pregnancies.all()])
    return found


@pytest.mark.parametrize("bucket", ["late", "upcoming"])
def test_a_page_takes_four_queries_and_five_grouped_by_family(sagefemme, families, bucket):
    with CaptureQueriesContext(connection) as plain:
        page = worklist(sagefemme, bucket=bucket)
    with CaptureQueriesContext(connection) as grouped:
        worklist(sagefemme, bucket=bucket, by_family=True)
    assert page.items
    # followed families, the active ones, the tab counts, the page
    assert (len(plain), len(grouped)) == (4, 5)


def test_the_rows_render_from_what_the_page_read(sagefemme, families, django_assert_num_queries):
    page = worklist(sagefemme, bucket="upcoming", per_page=100)
    assert len({m.family_id for m in page.items}) == 2
    with django_assert_num_queries(0):
        rows = [worklist_row(m, "/familles/liste-de-travail/") for m in page.items]
    assert {r["commune"] for r in rows} == {families[0].commune.name}


def test_the_commune_list_is_the_same_from_the_team_ids_or_not(sagefemme, families, outsider):
    from millejours.pathway.models import FamilyStatus
    from millejours.pathway.worklist import followed_communes

    closed = factories.family(
        care_team=[sagefemme], commune_obj=factories.commune("31411", "Ramonville")
    )
    closed.status = FamilyStatus.CLOSED  # a closed family's commune stays in the list
    closed.save()
    factories.family(care_team=[outsider], commune_obj=factories.commune("31555", "Toulouse"))
    page = worklist(sagefemme, bucket="late")
    assert page.team_ids is not None and closed.pk in page.team_ids
    expected = [("31113", "Castanet-Tolosan (31113)"), ("31411", "Ramonville (31411)")]
    assert followed_communes(sagefemme, page.team_ids) == expected
    assert followed_communes(sagefemme) == expected
    assert followed_communes(outsider, []) == []
