"""The « Petits pas grands pas » dashboard reads the nightly pre-aggregated counts.

Issue 12 item 8 (load test): counting milestones and recontacts live cost ≈ 80 ms of SQL per
page at 10 000 families. The nightly job ``indicators_snapshot`` now stores the dashboard's
three years; the page reads them when fresh (and says when they were computed), and counts
live otherwise. Exports and reports always count live.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from millejours.indicators import snapshot
from millejours.indicators.models import StepsSnapshot
from millejours.indicators.selectors import petit_pas_grand_pas_table
from millejours.ops.jobs import BY_NAME
from millejours.pathway.models import Milestone, MilestoneState
from tests import factories

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
YEARS = [YEAR - 2, YEAR - 1, YEAR]
DAY = date(YEAR, 1, 15) if timezone.localdate() >= date(YEAR, 1, 15) else timezone.localdate()


def epp_done(on: date) -> None:
    fam = factories.family(first_child=True)
    Milestone.objects.create(
        family=fam,
        pregnancy=fam.pregnancies.get(),
        subject="grossesse",
        code="epp",
        rule_version="1",
        label="EPP",
        category="entretien",
        status="obligatoire",
        due=on,
        window_start=on,
        window_end=on,
        state=MilestoneState.DONE,
        done_on=on,
    )


def as_dicts(table):
    return [(r.indicator.code, r.values, r.first_child) for r in table]


def test_the_nightly_job_stores_the_dashboard_years_with_the_live_figures():
    epp_done(DAY)
    epp_done(date(YEAR - 2, 6, 1))
    BY_NAME["indicators_snapshot"].func()
    assert sorted(StepsSnapshot.objects.values_list("year", flat=True)) == YEARS
    table, computed_at = snapshot.steps_table_for(YEARS)
    assert as_dicts(table) == as_dicts(petit_pas_grand_pas_table(YEARS))
    epp = next(r for r in table if r.indicator.code == "epp_realises")
    assert epp.values == {YEAR - 2: 1, YEAR - 1: 0, YEAR: 1}
    sms = next(r for r in table if r.indicator.code == "recontactes_sms")
    assert epp.first_child is None and sms.first_child == dict.fromkeys(YEARS, 0)
    assert computed_at == StepsSnapshot.objects.get(year=YEAR).computed_at


def test_the_dashboard_reads_the_snapshot_and_says_when_it_was_computed(login, coordinator):
    epp_done(DAY)
    snapshot.refresh_steps(YEARS)
    epp_done(DAY)  # entered after the nightly run: not in the stored figures
    client = login(coordinator)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/indicateurs/").content.decode()
    assert not [q for q in queries if "pathway_milestone" in q["sql"]]
    assert not [q for q in queries if "outreach_recontact" in q["sql"]]
    computed = timezone.localtime(StepsSnapshot.objects.get(year=YEAR).computed_at)
    assert f"Chiffres calculés le {computed:%d/%m/%Y à %H:%M}." in html
    assert "Entretiens prénataux précoces réalisés : 1. " in html


def test_a_stale_or_partial_snapshot_is_not_used():
    snapshot.refresh_steps(YEARS)
    epp_done(DAY)
    StepsSnapshot.objects.filter(year=YEAR).update(computed_at=timezone.now() - timedelta(days=2))
    table, _ = snapshot.steps_table_for(YEARS)
    assert next(r for r in table if r.indicator.code == "epp_realises").values[YEAR] == 1
    # a year the job did not store (the year picker goes back five years): counted live
    table, _ = snapshot.steps_table_for([YEAR - 3, YEAR - 2, YEAR - 1])
    assert len(table) == 5


def test_a_snapshot_written_with_other_definitions_is_recounted():
    epp_done(DAY)
    snapshot.refresh_steps(YEARS)
    StepsSnapshot.objects.update(counts={"recontactes_sms": [9, 9]})
    table, _ = snapshot.steps_table_for(YEARS)
    assert as_dicts(table) == as_dicts(petit_pas_grand_pas_table(YEARS))


def test_a_snapshot_of_an_older_version_of_a_definition_is_recounted():
    """Same indicator code, new version of its definition (data file): the stored count
    was computed with the old rule and is not shown."""
    epp_done(DAY)
    snapshot.refresh_steps(YEARS)
    for row in StepsSnapshot.objects.all():
        counts = dict(row.counts)
        code = next(iter(counts))
        counts[code] = [counts[code][0] + 100, counts[code][1], "ancienne-version"]
        row.counts = counts
        row.save(update_fields=["counts"])
    table, _ = snapshot.steps_table_for(YEARS)
    assert as_dicts(table) == as_dicts(petit_pas_grand_pas_table(YEARS))
