"""The parents' public page (published services only, no login) and the professionals' page."""

import pytest
from django.urls import reverse

from millejours.directory.models import Status

from . import helpers


@pytest.fixture
def services(db, commune):
    structure = helpers.structure(name="PMI de Castanet")
    published = helpers.service(
        "Consultation allaitement",
        structure_obj=structure,
        commune=commune,
        private_phone="0600000001",
        private_contact_name="Dr Secret",
    )
    draft = helpers.service("Atelier en préparation", structure_obj=structure, status=Status.DRAFT)
    far = helpers.service("Service lointain", lat=45.0, lon=3.0)
    return published, draft, far


def test_the_public_page_needs_no_login_and_lists_published_services_by_distance(client, services):
    response = client.get(
        reverse("directory:public_search"), {"q": "Castanet-Tolosan", "rayon": "10"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Consultation allaitement" in content
    assert "Atelier en préparation" not in content
    assert "Service lointain" not in content
    assert "Dr Secret" not in content and "0600000001" not in content
    assert "à 0,0 km" in content or "à 0.0 km" in content


def test_the_public_page_finds_by_postcode_and_insee_code(client, services):
    for query in ("31320", "31113"):
        response = client.get(reverse("directory:public_search"), {"q": query})
        assert "Consultation allaitement" in response.content.decode()


def test_around_me_uses_the_browser_position(client, services):
    response = client.get(reverse("directory:public_search"), {"lat": "43.5156", "lon": "1.4981"})
    assert "autour de votre position" in response.content.decode()
    assert "Consultation allaitement" in response.content.decode()


def test_an_unknown_place_is_said_in_french(client, services):
    response = client.get(reverse("directory:public_search"), {"q": "Atlantide"})
    assert "Lieu introuvable" in response.content.decode()


def test_public_markers_json(client, services):
    response = client.get(reverse("directory:public_markers"), {"q": "31113"})
    data = response.json()
    assert [r["name"] for r in data["results"]] == ["Consultation allaitement"]
    assert "contact_prive" not in data["results"][0]
    assert data["results"][0]["url"] == reverse("directory:public_detail", args=[services[0].pk])


def test_public_detail_hides_drafts(client, services):
    published, draft, _ = services
    assert client.get(reverse("directory:public_detail", args=[published.pk])).status_code == 200
    assert client.get(reverse("directory:public_detail", args=[draft.pk])).status_code == 404


def test_the_professional_page_shows_private_contacts_and_drafts(login, sagefemme, services):
    client = login(sagefemme)
    response = client.get(reverse("directory:pro_search"), {"q": "31113"})
    content = response.content.decode()
    assert "Dr Secret" in content
    assert "Atelier en préparation" in content
    markers = client.get(reverse("directory:pro_markers"), {"q": "31113"}).json()
    by_name = {r["name"]: r for r in markers["results"]}
    assert by_name["Consultation allaitement"]["contact_prive"]["telephone"] == "0600000001"


def test_the_professional_page_is_closed_to_parents_and_anonymous(client, login, parent, services):
    anonymous = client.get(reverse("directory:pro_search"))
    assert anonymous.status_code == 302
    assert login(parent).get(reverse("directory:pro_search")).status_code == 403


def test_the_map_loads_vendored_leaflet_and_no_inline_script(client, services, settings):
    settings.MILLEJOURS_MAP_TILES_URL = "https://tuiles.exemple.fr/{z}/{x}/{y}.png"
    content = client.get(reverse("directory:public_search"), {"q": "31113"}).content.decode()
    assert "vendor/leaflet-1.9.4/leaflet.js" in content
    assert "directory/map.js" in content
    assert 'data-tiles-url="https://tuiles.exemple.fr/{z}/{x}/{y}.png"' in content
    assert "<script>" not in content


def test_coordinators_import_through_the_page(login, coordinator, commune, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .helpers import HEADER

    body = (
        HEADER
        + "\n1;Atelier portage;PMI;pmi;perinatalite--portage;;31113;;;;;\n2;;PMI;pmi;;;31113;;;;;\n"
    ).encode()
    client = login(coordinator)
    response = client.post(
        reverse("directory:import"),
        {"file": SimpleUploadedFile("pmi.csv", body, content_type="text/csv"), "source": "pmi31"},
    )
    content = response.content.decode()
    assert "1 créé(s)" in content
    assert "Nom du service (colonne « nom ») manquant." in content
    export = client.get(reverse("directory:export"))
    assert export.status_code == 200
    assert export.json()["services"][0]["id"] == "pmi31--1"


def test_the_result_page_has_no_n_plus_one(client, commune):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("directory:public_search"), {"q": "31113", "rayon": "20"})
        return len(ctx.captured_queries)

    for i in range(3):
        helpers.service(
            f"Service {i}", lat=43.5 + i / 1000, lon=1.49, opening_hours="Mo-Fr 09:00-12:00"
        )
    few = count_queries()
    for i in range(20):
        helpers.service(
            f"Autre {i}", lat=43.51 + i / 1000, lon=1.49, opening_hours="Mo-Fr 09:00-12:00"
        )
    assert count_queries() == few
