"""The resource finder opens with results: on the parent's commune, else on the territory;
parents see perinatal and parenting themes first and no job-search theme."""

import json

import pytest
from django.urls import reverse

from millejours.directory.forms import SearchForm
from millejours.territory.models import Territory
from tests import factories

from . import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def territory(db, commune):
    other = factories.commune(
        insee_code="31003", name="Aureville", lat=43.4827, lon=1.4525, postcodes=["31320"]
    )
    far = factories.commune(
        insee_code="31157", name="Escalquens", lat=43.5186, lon=1.5592, postcodes=["31750"]
    )
    item = Territory.objects.create(name="Sicoval", slug="sicoval")
    item.communes.set([commune, other, far])
    return item


def test_a_parent_lands_on_her_commune_with_results_listed(login, parent, family, commune):
    helpers.service("Consultation allaitement", commune=commune)
    html = login(parent).get(reverse("directory:public_search")).content.decode()
    assert "1 résultat autour de Castanet-Tolosan" in html
    assert "Consultation allaitement" in html
    assert "autour de votre commune" in html


def test_anyone_else_lands_on_the_territory(client, territory, commune):
    helpers.service("Lieu d'accueil enfants-parents", commune=commune)
    html = client.get(reverse("directory:public_search")).content.decode()
    assert "1 résultat autour de Sicoval" in html
    assert "sur le territoire" in html
    # the markers URL repeats the opening search, so the map shows the same results
    start = html.index('data-markers-url="') + len('data-markers-url="')
    url = html[start : html.index('"', start)].replace("&amp;", "&")
    markers = client.get(url).json()
    assert [r["name"] for r in markers["results"]] == ["Lieu d'accueil enfants-parents"]


def test_the_map_gets_the_territory_communes_to_draw_without_tiles(client, territory, settings):
    settings.MILLEJOURS_MAP_TILES_URL = ""
    html = client.get(reverse("directory:public_search")).content.decode()
    start = html.index('<script id="territory-communes" type="application/json">')
    payload = html[html.index(">", start) + 1 : html.index("</script>", start)]
    assert {c["name"] for c in json.loads(payload)} == {
        "Aureville",
        "Castanet-Tolosan",
        "Escalquens",
    }


def test_parents_see_perinatal_themes_first_and_no_job_search_theme():
    public = [code for code, _ in SearchForm(private=False).fields["theme"].choices][1:]
    private = [code for code, _ in SearchForm(private=True).fields["theme"].choices][1:]
    assert public[0].startswith(("perinatalite--", "1000-jours--"))
    assert not any(code.startswith("trouver-un-emploi--") for code in public)
    assert any(code.startswith("trouver-un-emploi--") for code in private)
    first_other = next(
        i
        for i, c in enumerate(public)
        if not c.startswith(("perinatalite--", "1000-jours--", "famille--", "sante--"))
    )
    assert all(
        c.startswith(("perinatalite--", "1000-jours--", "famille--", "sante--"))
        for c in public[:first_other]
    )


def test_a_search_still_wins_over_the_opening_place(client, territory, commune):
    helpers.service("Consultation allaitement", commune=commune)
    html = client.get(
        reverse("directory:public_search"), {"q": "Castanet-Tolosan", "rayon": "2"}
    ).content.decode()
    assert "autour de Castanet-Tolosan" in html and "sur le territoire" not in html
