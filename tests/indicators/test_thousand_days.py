"""The 1000-days indicators on a hand-built data set whose answers are known."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from millejours.indicators.published import published_indicators
from millejours.indicators.suppression import SUPPRESSED
from millejours.indicators.thousand_days import compute, value_of
from tests import factories

from . import builders as b

pytestmark = pytest.mark.django_db
Y = 2025


@pytest.fixture
def dataset():
    a = factories.commune()
    c = factories.commune(insee_code="31069", name="Toulouse", lat=43.6045, lon=1.4440)
    march, june = date(Y, 3, 10), date(Y, 6, 5)
    families = []
    # commune A, March: 10 births, 7 EPP before birth, 1 EPP after birth; EPNP for 6;
    # second EPNP applicable for 4 (2 done), not applicable for 1
    for k in range(10):
        epp = march - timedelta(days=100) if k < 7 else (march + timedelta(days=2) if k == 7 else None)
        epnp2 = ["fait", "fait", "a_faire", "en_retard", "non_applicable"][k] if k < 5 else None
        families.append(b.birth(a, march, epp=epp, epnp=k < 6, epnp2=epnp2))
    # commune B, June: 6 births, 3 EPP before birth
    for k in range(6):
        families.append(b.birth(c, june, epp=june - timedelta(days=90) if k < 3 else None))
    b.birth(a, date(Y - 1, 12, 20), epp=date(Y - 1, 9, 1))  # another year
    # EPDS: 5 births of A screened; 7 responses in the year (one family twice), 2 high
    for k, level in enumerate(["eleve", "eleve", "bas", "vigilance", "bas"]):
        b.epds(families[k], level, date(Y, 4, 2))
    b.epds(families[0], "bas", date(Y, 5, 2))
    b.epds(families[12], "bas", date(Y, 7, 2))
    # vulnerabilities confirmed in August (each from an EPDS « bas »): families 11..15 (B),
    # 3 with a referent; one proposed only (family 5, A)
    referent = factories.user(email="ref@exemple.test")
    for k in range(11, 16):
        b.flag(families[k], "confirme", date(Y, 8, 1))
        if k < 14:
            families[k].referent = referent
            families[k].save()
    b.flag(families[5], "a_confirmer", date(Y, 8, 1))
    # orientations sent in February: answered after 2, 4, 6 (accepted) and 10 days (refused)
    svc = b.service()
    sent = date(Y, 2, 3)
    b.orientation(families[0], svc, sent, answers=[("recue", 1), ("acceptee", 2), ("realisee", 20)], state="realisee")
    b.orientation(families[1], svc, sent, answers=[("acceptee", 4), ("realisee", 9)], state="realisee")
    b.orientation(families[2], svc, sent, answers=[("acceptee", 6)], state="acceptee")
    b.orientation(families[3], svc, sent, answers=[("refusee", 10)], state="refusee")
    b.orientation(families[4], svc, sent)
    b.orientation(families[5], svc, sent)
    b.orientation(families[6], svc, None, state="brouillon")
    # declarations in January; first contact after 3, 5, 7, 9, 20 days (one earlier contact ignored)
    for k, days in enumerate([3, 5, 7, 9, 20]):
        preg = families[k].pregnancies.get()
        preg.declared_on = date(Y, 1, 8)
        preg.save()
        b.contact(families[k], date(Y, 1, 8) + timedelta(days=days))
        b.contact(families[k], date(Y, 1, 8) + timedelta(days=days + 30))
    b.contact(families[0], date(Y, 1, 1))
    # workshops: 5 present, 1 absent, 1 unknown in the year; 3 present the year before
    s1 = b.session(a, date(Y, 9, 15), [True] * 5 + [False, None])
    b.session(a, date(Y - 1, 9, 15), [True] * 3)
    # professionals' hours
    from millejours.programme.models import Fiche

    fiche = Fiche.objects.create(title="Petits pas grands pas")
    pro = factories.user(email="sf@exemple.test")
    b.participation(pro, fiche, date(Y, 9, 15), "2.5", s1)
    b.participation(pro, fiche, date(Y, 10, 1), "3")
    b.participation(pro, fiche, date(Y, 11, 1), "1.5")
    b.participation(pro, fiche, date(Y - 1, 11, 1), "4")
    return {"a": a, "b": c}


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
        assert (total.numerator, total.denominator, value_of(f[code].indicator, total)) == (num, den, value), code
    assert value_of(f["orientations_delai_reponse"].indicator, f["orientations_delai_reponse"].total) == 5.0
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
        4: (2, 5), 5: (0, 1), 7: (0, 1), 8: (0, 6)}


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
    Consent.objects.create(family=fam, scope="donnees_pseudonymisees", given_at=timezone.now(),
                           withdrawn_at=timezone.now())
    epp = _by_code(compute(Y, ["epp_couverture"]))["epp_couverture"]
    assert epp.total.denominator == 15
