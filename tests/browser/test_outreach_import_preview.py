"""In a real browser: the coordinator uploads declarations, reads the preview, confirms."""

import pytest

from millejours.outreach.models import OutreachContact
from tests import factories
from tests.outreach.helpers import csv_bytes, people, row


@pytest.mark.browser
def test_the_coordinator_previews_then_confirms_an_import(
    transactional_db, page, browser_login, coordinator, tmp_path
):
    factories.commune()
    path = tmp_path / "declarations-cpam.csv"
    path.write_bytes(csv_bytes([*people(4), row(nom="", prenom="Anaïs")]))
    browser_login(coordinator)
    page.goto("/aller-vers/")
    page.get_by_role("link", name="Importer des déclarations").click()
    page.get_by_label("Fichier de déclarations (CSV ou XLSX)").set_input_files(str(path))
    page.get_by_role("button", name="Analyser le fichier").click()
    page.get_by_role("heading", name="Aperçu prêt").wait_for()
    assert page.get_by_role("table", name="Premières lignes rejetées").is_visible()
    assert page.get_by_text("Nom manquant.").is_visible()
    assert not OutreachContact.objects.exists()
    with page.expect_download() as download:
        page.get_by_role(
            "link", name="Télécharger les lignes rejetées (CSV à corriger puis réimporter)"
        ).click()
    assert "Anaïs" in download.value.path().read_text(encoding="utf-8-sig")
    page.get_by_role("button", name="Confirmer l'import").click()
    page.get_by_role("heading", name="Terminé").wait_for()
    assert page.get_by_text("Import terminé : 4 familles créées").is_visible()
    assert OutreachContact.objects.count() == 4
