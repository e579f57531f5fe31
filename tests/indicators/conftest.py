"""The hand-built data set of the 1000-days indicators (answers known, see test_thousand_days)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests import factories

from . import builders as b

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
        epp = (
            march - timedelta(days=100)
            if k < 7
            else (march + timedelta(days=2) if k == 7 else None)
        )
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
    b.orientation(
        families[0],
        svc,
        sent,
        answers=[("recue", 1), ("acceptee", 2), ("realisee", 20)],
        state="realisee",
    )
    b.orientation(
        families[1], svc, sent, answers=[("acceptee", 4), ("realisee", 9)], state="realisee"
    )
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
