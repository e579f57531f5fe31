"""The « financeur » role (ARS, CPAM) sees aggregates only: the 1000-days page and the
reports; every other URL pattern of the platform — family pages first — refuses it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from millejours.accounts.models import Role
from tests import factories
from tests.test_authorization_matrix import PATTERNS, TABLE, build_kwargs

pytestmark = pytest.mark.django_db

# What a funder may open (GET 2xx), with why.
ALLOWED = {
    "indicators:thousand_days",  # the aggregates
    "indicators:report",  # the reports (suppressed)
    "core:healthz",  # liveness probe, no data
}


def public_or_own_account(name: str) -> bool:
    """A page an anonymous visitor already gets (matrix: anonymous 200), or the user's own
    account pages (login, second factor): no family data."""
    expect = TABLE.get(name, {}).get("expect", {})
    return name.startswith("accounts:") or expect.get("anonymous", expect.get("other")) == 200


@pytest.fixture
def funder(db):
    org = factories.organisation("ARS Occitanie")
    return factories.user(Role.FUNDER, email="ars@test.millejours.fr", organisation_obj=org)


def test_the_funder_lands_on_the_aggregates_and_can_build_a_report(login, funder):
    client = login(funder)
    assert client.get("/").url == reverse("indicators:thousand_days")
    page = client.get(reverse("indicators:thousand_days"))
    assert page.status_code == 200
    assert "Indicateurs des 1000 premiers jours" in page.content.decode()
    response = client.get(
        reverse("indicators:report", kwargs={"name": "ars", "fmt": "json"}) + "?annee=2025"
    )
    assert response.status_code == 200 and response.json()["report"] == "ars"
    assert (
        client.get(reverse("indicators:dashboard")).status_code == 403
    )  # raw « Petits pas grands pas » counts


def test_the_funder_opens_no_family_page_and_nothing_but_aggregates(login, funder, family):
    client = login(funder)
    tokens = {
        "family": family.pk,
        "other_family": family.pk,
        "pregnancy": family.pregnancies.first().pk,
        "milestone": 999999,
        "child": 999999,
        "member": 999999,
    }
    opened = []
    for name in PATTERNS:
        kwargs = build_kwargs(name, TABLE.get(name, {}), tokens)
        try:
            url = reverse(name, kwargs=kwargs)
        except Exception:  # noqa: BLE001 - a pattern the matrix cannot build either
            continue
        status = client.get(url).status_code
        if 200 <= status < 300:
            opened.append(name)
    family_pages = [n for n in opened if "family_id" in PATTERNS[n]["converters"]]
    assert family_pages == []
    unexpected = [n for n in opened if n not in ALLOWED and not public_or_own_account(n)]
    assert unexpected == []
    assert "indicators:thousand_days" in opened
