"""Open API (issue 14 item 4): OpenAPI description, docs page without CDN, public endpoints."""

import re

import pytest

from millejours.directory.models import Status
from millejours.programme.models import Fiche, FicheState
from tests.directory import helpers
from tests.interop.api_helpers import get_json
from tests.programme import builders

pytestmark = pytest.mark.django_db


def test_the_openapi_description_lists_every_endpoint_with_its_security(client):
    response, spec = get_json(client, "/api/v1/openapi.json")
    assert response.status_code == 200
    assert spec["openapi"].startswith("3.")
    assert {
        "/api/v1/services",
        "/api/v1/ateliers",
        "/api/v1/fiches",
        "/api/v1/fiches/{fiche_id}",
        "/api/v1/indicateurs",
        "/api/v1/familles/{family_id}/etapes",
        "/api/v1/familles/{family_id}/reperages",
    } <= set(spec["paths"])
    assert "security" not in spec["paths"]["/api/v1/services"]["get"]
    assert spec["paths"]["/api/v1/indicateurs"]["get"]["security"] == [{"TokenAuth": []}]
    assert spec["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_documentation_page_loads_its_assets_from_this_server_only(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(s.endswith("swagger-ui-bundle.js") for s in sources)
    assert all(s.startswith("/") for s in sources), sources
    assert '"validatorUrl": null' in html  # Swagger UI would otherwise load a badge from swagger.io


def test_directory_services_come_in_the_data_inclusion_format(client, commune):
    helpers.service(status=Status.PUBLISHED, commune=commune)
    response, body = get_json(client, "/api/v1/services")
    assert response.status_code == 200
    assert set(body) == {"structures", "services"}
    assert len(body["services"]) == 1 and "--" in body["services"][0]["id"]


def test_workshops_list_the_upcoming_public_sessions_with_their_places(client, commune):
    ev = builders.event(title="Portage et sommeil")
    builders.session(ev, capacity=12, commune=commune)
    builders.session(builders.event(title="Réunion interne", is_public=False))
    response, body = get_json(client, "/api/v1/ateliers")
    assert response.status_code == 200
    assert [(w["title"], w["places_left"], w["commune"]) for w in body] == [
        ("Portage et sommeil", 12, commune.name)
    ]


def test_the_fiches_catalogue_shares_every_fiche_past_the_idea_stage(client):
    shared = Fiche.objects.create(
        title="Ateliers parentalité", state=FicheState.EN_COURS, theme="parentalite"
    )
    idea = Fiche.objects.create(title="Idée en germe", state=FicheState.IDEE)
    _, listing = get_json(client, "/api/v1/fiches")
    assert [f["title"] for f in listing] == ["Ateliers parentalité"]
    response, doc = get_json(client, f"/api/v1/fiches/{shared.pk}")
    assert response.status_code == 200
    assert doc["schema"] == "millejours.fiche/1" and doc["fiche"]["title"] == "Ateliers parentalité"
    assert get_json(client, f"/api/v1/fiches/{idea.pk}")[0].status_code == 404
    assert get_json(client, "/api/v1/fiches/999999")[0].status_code == 404
    assert get_json(client, "/api/v1/fiches", state=FicheState.TERMINEE)[1] == []


def test_public_endpoints_are_rate_limited_per_client_address(client, settings):
    settings.MILLEJOURS_RATE_LIMITS = {"api": {"per_ip": 2, "per_token": 100, "window": 60}}
    assert [client.get("/api/v1/fiches").status_code for _ in range(3)] == [200, 200, 429]
    refused = client.get("/api/v1/ateliers")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "Trop de requêtes" in refused.json()["detail"]
