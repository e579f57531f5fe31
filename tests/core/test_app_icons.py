"""Favicon, app icons and the web manifest (« ajouter à l'écran d'accueil »)."""

import json

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

pytestmark = pytest.mark.django_db


def test_every_page_links_the_favicon_the_touch_icon_and_the_manifest(client):
    html = client.get("/").content.decode()
    for link in (
        'rel="icon" href="/static/millejours/icons/favicon.svg"',
        'rel="apple-touch-icon" href="/static/millejours/icons/apple-touch-icon.png"',
        'rel="manifest" href="/static/millejours/manifest.webmanifest"',
    ):
        assert link in html


def test_the_manifest_lets_parents_install_the_app_with_real_icons():
    manifest = json.loads(
        open(finders.find("millejours/manifest.webmanifest"), encoding="utf-8").read()
    )
    assert manifest["name"] == "Mille Jours" and manifest["lang"] == "fr"
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    sizes = set()
    for icon in manifest["icons"]:
        path = finders.find(f"millejours/{icon['src']}")
        assert path, icon["src"]
        if icon["type"] == "image/png":
            with Image.open(path) as image:
                assert f"{image.width}x{image.height}" == icon["sizes"]
            sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes  # what browsers require to offer the install
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])


def test_the_manifest_is_served_with_its_media_type(client):
    response = client.get("/static/millejours/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
