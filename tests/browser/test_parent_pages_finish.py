"""In a browser: « Mes données » and its PDF; an invalid form moves the focus to its errors."""

import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from millejours.orientations import links
from millejours.pathway.selectors import get_family_for_user
from tests.orientations.helpers import orientation, partner_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)
def test_parent_reads_her_data_and_downloads_the_pdf(
    browser_login, parent, family, sagefemme, tmp_path
):
    get_family_for_user(sagefemme, family.pk, page="pathway:family_detail")
    page = browser_login(parent)
    page.goto("/confiance/mes-donnees/")
    expect(page.get_by_role("heading", name="Mes données", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Grossesses")).to_be_visible()
    expect(page.get_by_role("heading", name="Consultations du dossier")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Télécharger le document (PDF)").click()
    pdf = tmp_path / "mes-donnees.pdf"
    info.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert f"Mes données — {family.display_name}" in text
    for expected in (
        "Votre foyer",
        "Parents",
        "Camille",
        "Date de naissance",
        "Sophie Martin",
        "Consultations du dossier",
    ):
        assert expected in text


def test_partner_refusal_asks_the_reason_only_after_refuser_and_focuses_the_errors(
    page, sagefemme, family
):
    item = orientation(family, sagefemme, partner_service())
    page.goto(f"/orientations/lien/{links.make_token(item)}/")
    reason = page.get_by_label("Motif du refus")
    expect(reason).to_be_hidden()
    page.get_by_text("Refuser l'orientation").click()
    expect(reason).to_be_visible()
    reason.fill("   ")  # passes the browser's « required », not the server's check
    page.get_by_role("button", name="Confirmer le refus").click()
    summary = page.get_by_role("alert").filter(has_text="Le formulaire contient une erreur")
    expect(summary).to_be_focused()
    expect(
        summary.get_by_role("link", name="Motif du refus : Le motif du refus est obligatoire.")
    ).to_be_visible()
    summary.get_by_role("link").click()
    expect(page.get_by_label("Motif du refus")).to_be_visible()


def test_the_finder_opens_on_the_territory_and_draws_it_without_tiles(
    page, live_server, commune, settings
):
    from millejours.territory.models import Territory
    from tests import factories
    from tests.directory import helpers

    settings.MILLEJOURS_MAP_TILES_URL = ""
    territory = Territory.objects.create(name="Sicoval", slug="sicoval")
    territory.communes.set(
        [
            commune,
            factories.commune(insee_code="31003", name="Aureville", lat=43.4827, lon=1.4525),
            factories.commune(insee_code="31157", name="Escalquens", lat=43.5186, lon=1.5592),
        ]
    )
    helpers.service("Consultation allaitement", commune=commune)
    page.goto(f"{live_server.url}/ressources/")
    expect(page.get_by_role("heading", name="1 résultat autour de Sicoval")).to_be_visible()
    page.locator("#map[data-markers='1']").wait_for()
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(page.locator(".leaflet-tooltip.commune-label")).to_have_count(3)
    expect(page.locator("path.leaflet-interactive, svg path")).not_to_have_count(0)
