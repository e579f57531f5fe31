"""Coordinators see the territory's communes with their population; others may not."""

import pytest
from django.urls import reverse

from millejours.territory.models import Territory
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def territory(db):
    t = Territory.objects.create(
        name="CPTS des Portes du Lauragais", slug="cpts-portes-du-lauragais"
    )
    t.communes.add(
        factories.commune("31113", "Castanet-Tolosan", population=13529),
        factories.commune("31169", "Escalquens", population=6660, postcodes=["31750"]),
    )
    return t


def test_coordinator_sees_the_list_of_territories_with_totals(login, coordinator, territory):
    response = login(coordinator).get(reverse("territory:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "CPTS des Portes du Lauragais" in html
    assert reverse("territory:detail", args=[territory.slug]) in html


def test_coordinator_sees_each_commune_with_its_population(login, coordinator, territory):
    response = login(coordinator).get(reverse("territory:detail", args=[territory.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption>" in html and 'scope="col"' in html
    assert "Castanet-Tolosan" in html and "Escalquens" in html
    assert "31750" in html
    assert [c.name for c in response.context["communes"]] == ["Castanet-Tolosan", "Escalquens"]
    assert response.context["population"] == 13529 + 6660


def test_the_page_counts_active_families_per_commune_without_naming_them(
    login, coordinator, territory
):
    castanet = territory.communes.get(insee_code="31113")
    factories.family(commune_obj=castanet, display_name="Foyer Confidentiel")
    closed = factories.family(commune_obj=castanet, display_name="Foyer Clos")
    closed.status = "clos"
    closed.save()
    response = login(coordinator).get(reverse("territory:detail", args=[territory.slug]))
    counts = {c.insee_code: c.family_count for c in response.context["communes"]}
    assert counts == {"31113": 1, "31169": 0}
    assert response.context["families"] == 1
    assert "Foyer Confidentiel" not in response.content.decode()


def test_admin_may_open_the_territory_page(login, admin_user, territory):
    assert (
        login(admin_user).get(reverse("territory:detail", args=[territory.slug])).status_code == 200
    )


@pytest.mark.parametrize("persona", ["sagefemme", "parent", "partner"])
def test_other_roles_are_refused(request, login, territory, persona):
    user = request.getfixturevalue(persona)
    client = login(user)
    assert client.get(reverse("territory:list")).status_code == 403
    assert client.get(reverse("territory:detail", args=[territory.slug])).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client, territory):
    response = client.get(reverse("territory:detail", args=[territory.slug]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_an_unknown_territory_gives_404(login, coordinator):
    assert login(coordinator).get(reverse("territory:detail", args=["inconnu"])).status_code == 404


def test_the_menu_shows_the_territory_entry_to_coordinators(login, coordinator, territory):
    html = login(coordinator).get(reverse("territory:list")).content.decode()
    assert f'href="{reverse("territory:list")}"' in html
