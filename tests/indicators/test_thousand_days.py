"""The 1000-days indicators on a hand-built data set whose answers are known."""

from __future__ import annotations

from datetime import UTC

import pytest

from millejours.indicators.published import publish_figures, published_indicators
from millejours.indicators.suppression import SUPPRESSED
from millejours.indicators.thousand_days import compute, value_of

from .conftest import Y

pytestmark = pytest.mark.django_db


def _by_code(figures):
    return {f.indicator.code: f for f in figures}


def test_every_indicator_on_the_hand_built_data_set(dataset):
    f = _by_code(compute(Y))
    expected = {  # code: (numerator, denominator, value)
        "epp_couverture": (10, 16, 62.5),
        "epnp_couverture": (6, 16, 37.5),
        "epnp2_couverture": (2, 4, 50.0),
        "epds_depistage": (11, 16, 68.8),
        "epds_positifs": (2, 13, 15.4),
        "vulnerables_referent": (3, 5, 60.0),
        "orientations_envoyees": (6, 6, 6),
        "orientations_acceptees": (3, 6, 50.0),
        "orientations_realisees": (2, 6, 33.3),
        "ateliers_presences": (5, 5, 5),
        "heures_professionnels": (7, 3, 7.0),
    }
    for code, (num, den, value) in expected.items():
        total = f[code].total
        assert (total.numerator, total.denominator, value_of(f[code].indicator, total)) == (
            num,
            den,
            value,
        ), code
    assert (
        value_of(f["orientations_delai_reponse"].indicator, f["orientations_delai_reponse"].total)
        == 5.0
    )
    assert value_of(f["delai_premier_contact"].indicator, f["delai_premier_contact"].total) == 7.0


def test_breakdowns_per_month_and_per_commune(dataset):
    epp = _by_code(compute(Y, ["epp_couverture"]))["epp_couverture"]
    assert (epp.by_month[3].numerator, epp.by_month[3].denominator) == (7, 10)
    assert (epp.by_month[6].numerator, epp.by_month[6].denominator) == (3, 6)
    assert sum(c.denominator for m, c in epp.by_month.items() if m not in (3, 6)) == 0
    by_commune = {k: (c.numerator, c.denominator) for k, c in epp.by_commune.items()}
    assert by_commune == {dataset["a"].pk: (7, 10), dataset["b"].pk: (3, 6)}


def test_epds_positive_rate_counts_each_response(dataset):
    epds = _by_code(compute(Y, ["epds_positifs"]))["epds_positifs"]
    assert {m: (c.numerator, c.denominator) for m, c in epds.by_month.items() if c.denominator} == {
        4: (2, 5),
        5: (0, 1),
        7: (0, 1),
        8: (0, 6),
    }


def test_published_figures_hide_small_cells_and_what_would_reveal_them(dataset):
    pub = {p.code: p for p in published_indicators(Y)}
    epp = pub["epp_couverture"]
    assert (epp.total.numerator, epp.total.denominator, epp.total.value) == (10, 16, 62.5)
    march, june = epp.by_month[2], epp.by_month[5]
    # June: 3 of 6 → hidden; March 7 of 10 with 3 « no » → hidden too (else 10 − 7 gives 3)
    assert june.numerator == SUPPRESSED and june.value == SUPPRESSED
    assert march.value == SUPPRESSED
    # the same totals in both breakdowns
    assert epp.by_commune[0].value == SUPPRESSED and epp.by_commune[1].value == SUPPRESSED
    # few units → the median is hidden; six orientations answered 4 times → hidden
    assert pub["orientations_delai_reponse"].total.value == SUPPRESSED
    assert pub["delai_premier_contact"].total.value == 7.0
    assert pub["orientations_envoyees"].total.value == 6
    assert pub["epnp2_couverture"].total.value == SUPPRESSED


def test_consent_withdrawal_leaves_the_family_out(dataset):
    from django.utils import timezone

    from millejours.audit.models import Consent
    from millejours.pathway.models import Family

    fam = Family.objects.filter(commune=dataset["b"]).order_by("pk").first()
    Consent.objects.create(
        family=fam,
        scope="donnees_pseudonymisees",
        given_at=timezone.now(),
        withdrawn_at=timezone.now(),
    )
    epp = _by_code(compute(Y, ["epp_couverture"]))["epp_couverture"]
    assert epp.total.denominator == 15


def test_the_nightly_snapshot_gives_the_same_figures_as_the_live_count(dataset):
    from millejours.indicators import snapshot
    from millejours.indicators.models import IndicatorSnapshot
    from millejours.ops.jobs import JOBS

    live = [publish_figures(f).as_json() for f in compute(Y)]
    job = next(j for j in JOBS if j.name == "indicators_snapshot")
    snapshot.refresh([Y])
    assert job.func()["years"]  # registered with the scheduler
    stored, _ = snapshot.figures_for(Y)
    assert [publish_figures(f).as_json() for f in stored] == live
    # a stale snapshot is not used
    from datetime import timedelta

    from django.utils import timezone

    IndicatorSnapshot.objects.filter(year=Y).update(
        computed_at=timezone.now() - timedelta(days=3), figures={}
    )
    assert [publish_figures(f).as_json() for f in snapshot.figures_for(Y)[0]] == live


def test_a_snapshot_of_an_older_version_of_a_definition_is_recounted(dataset):
    """Same indicator code, new version of its definition: the stored figures were
    computed with the old rule and are not shown."""
    from millejours.indicators import snapshot
    from millejours.indicators.models import IndicatorSnapshot

    live = [publish_figures(f).as_json() for f in compute(Y)]
    snapshot.refresh([Y])
    row = IndicatorSnapshot.objects.get(year=Y)
    figures = dict(row.figures)
    code = next(iter(figures))
    figures[code] = {**figures[code], "version": "ancienne-version"}
    figures[code]["total"] = [999.0, 999, []]
    row.figures = figures
    row.save(update_fields=["figures"])
    assert [publish_figures(f).as_json() for f in snapshot.figures_for(Y)[0]] == live


def test_prevention_check_ups_and_their_goals_are_counted(db):
    """Issue 15: check-ups done and goals reached, ready for the reports (a family that
    withdrew the consent to pseudonymised indicators is left out, as for the others)."""
    from datetime import date, datetime

    from millejours.checkup.models import Checkup, Goal, Plan, Progress
    from tests import factories

    commune = factories.commune()
    when = datetime(Y, 5, 12, 10, tzinfo=UTC)
    statuses = [Progress.REACHED, Progress.REACHED, Progress.ONGOING, Progress.ABANDONED]
    for index, status in enumerate(statuses):
        family = factories.family(commune_obj=commune)
        checkup = Checkup.objects.create(
            family=family, stage="grossesse", filled_as="parent", version="2026.1"
        )
        plan = Plan.objects.create(checkup=checkup, family=family)
        Goal.objects.create(
            plan=plan,
            domain="activites",
            words=f"objectif {index}",
            review_on=date(Y, 6, 1),
            status=status,
        )
    Checkup.objects.update(created_at=when)
    Plan.objects.update(created_at=when)
    f = _by_code(compute(Y, ["bilans_prevention", "objectifs_prevention_atteints"]))
    checkups, goals = f["bilans_prevention"], f["objectifs_prevention_atteints"]
    assert (
        checkups.total.numerator,
        checkups.by_month[5].numerator,
        checkups.by_commune[commune.pk].numerator,
    ) == (4, 4, 4)
    assert (
        goals.total.numerator,
        goals.total.denominator,
        value_of(goals.indicator, goals.total),
    ) == (2, 4, 50.0)
    assert compute(Y + 1, ["bilans_prevention"])[0].total.numerator == 0
