"""Reaching a family outside my care team: the territory search shows the name and the
commune only, offers break-the-glass, is logged and capped; the file still 404s."""

from __future__ import annotations

import pytest
from django.urls import reverse

from millejours.audit.models import AuditEvent
from millejours.pathway.models import Parent
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("pathway:territory_search")


@pytest.fixture
def elsewhere(sagefemme, commune):
    fam = factories.family(display_name="Foyer Zabulon", care_team=[sagefemme], commune_obj=commune)
    Parent.objects.filter(family=fam).update(
        last_name="Zabulon-Martin", first_name="Ondine", phone="0699887766"
    )
    return fam


def _results(response):
    return response.context["results"]


def test_an_outsider_finds_the_family_by_name_with_name_and_commune_only(
    login, outsider, elsewhere
):
    client = login(outsider)
    response = client.get(URL, {"q": "zabul"})
    html = response.content.decode()
    assert response.status_code == 200
    assert [r["name"] for r in _results(response)] == ["Foyer Zabulon"]
    assert elsewhere.commune.name in html
    # nothing else of the record
    for secret in (elsewhere.reference, "Ondine", "0699887766", "06 99 88 77 66", "Zabulon-Martin"):
        assert secret not in html
    assert f'href="{reverse("pathway:family_detail", args=[elsewhere.pk])}"' not in html
    assert reverse("privacy:breakglass_request", args=[elsewhere.pk]) in html
    assert "Demander un accès d'urgence" in html
    assert client.get(reverse("pathway:family_detail", args=[elsewhere.pk])).status_code == 404


def test_search_by_birth_date_and_by_reference(login, outsider, elsewhere):
    client = login(outsider)
    by_date = _results(client.get(URL, {"q": "17/05/1994"}))  # the factory parent's birth date
    assert elsewhere.pk in [r["pk"] for r in by_date]
    by_ref = _results(client.get(URL, {"q": elsewhere.reference.lower()}))
    assert [r["pk"] for r in by_ref] == [elsewhere.pk]
    assert set(by_ref[0]) == {"pk", "name", "commune", "visible"}


def test_a_member_of_the_care_team_gets_a_link_to_the_file(login, sagefemme, elsewhere):
    html = login(sagefemme).get(URL, {"q": "Zabulon"}).content.decode()
    assert reverse("pathway:family_detail", args=[elsewhere.pk]) in html
    assert "Demander un accès d'urgence" not in html


def test_fewer_than_three_characters_searches_nothing(login, outsider, elsewhere):
    response = login(outsider).get(URL, {"q": "Za"})
    assert _results(response) is None and "au moins 3 caractères" in response.content.decode()
    assert not AuditEvent.objects.filter(action="pathway.territory_search").exists()


def test_every_search_is_an_audit_event_and_searches_are_capped(
    login, outsider, elsewhere, settings
):
    settings.MILLEJOURS_TERRITORY_SEARCHES_PER_HOUR = 2
    client = login(outsider)
    client.get(URL, {"q": "Zabulon"})
    event = AuditEvent.objects.get(action="pathway.territory_search")
    assert event.actor == outsider and event.details == {"query": "Zabulon", "results": 1}
    client.get(URL, {"q": "Martin"})
    refused = client.get(URL, {"q": "Zabulon"})
    assert refused.status_code == 429 and _results(refused) is None
    assert AuditEvent.objects.filter(action="pathway.territory_search").count() == 2


def test_parents_and_anonymous_cannot_search(client, login, parent, elsewhere):
    assert client.get(URL, {"q": "Zabulon"}).status_code == 302
    assert login(parent).get(URL, {"q": "Zabulon"}).status_code == 403


def test_the_break_glass_link_leads_to_the_request_page(login, outsider, elsewhere):
    client = login(outsider)
    page = client.get(reverse("privacy:breakglass_request", args=[elsewhere.pk]))
    assert page.status_code == 200
    response = client.post(
        reverse("privacy:breakglass_request", args=[elsewhere.pk]),
        {"reason": "Appel de la maternité, suivi urgent de la patiente", "confirm": "on"},
    )
    assert response.status_code == 302
    assert client.get(reverse("pathway:family_detail", args=[elsewhere.pk])).status_code == 200
