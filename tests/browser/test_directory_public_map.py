"""A parent finds a service on the public map page, without an account."""

import pytest

from millejours.directory.models import Status
from tests.directory import helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_parent_finds_a_service_on_the_map_page(page, commune, settings):
    settings.MILLEJOURS_MAP_TILES_URL = ""  # no network: the list and the markers still work
    structure = helpers.structure(
        name="Lieu d'accueil enfants-parents Les Lucioles", typologie="laep"
    )
    helpers.service(
        "Accueil libre parents et tout-petits",
        structure_obj=structure,
        commune=commune,
        lat=43.52,
        lon=1.50,
        themes=["1000-jours--isolement-epuisement"],
        opening_hours="Tu,Th 09:00-12:00",
        phone="05 61 00 00 00",
    )
    helpers.service("Atelier pas encore publié", structure_obj=structure, status=Status.DRAFT)
    page.goto("/ressources/")
    page.get_by_label("Adresse, commune ou code postal").fill("31320")
    page.get_by_label("Rayon").select_option("10")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("heading", name="1 résultat autour de Castanet-Tolosan").wait_for()
    link = page.get_by_role("link", name="Accueil libre parents et tout-petits")
    assert link.is_visible()
    assert page.get_by_text("à 0,5 km").is_visible() or page.get_by_text("à 0.5 km").is_visible()
    assert page.get_by_text("Atelier pas encore publié").count() == 0
    # The map is drawn from the JSON endpoint, one marker per result.
    page.locator("#map[data-markers='1']").wait_for()
    assert page.locator(".leaflet-marker-icon").count() == 1
    link.click()
    page.get_by_role("heading", name="Accueil libre parents et tout-petits").wait_for()
    assert page.get_by_text("05 61 00 00 00").first.is_visible()
