"""The 1000-days page: chart, tables, map of rates per commune, one-click reports."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from .conftest import Y

pytestmark = pytest.mark.django_db


def test_the_page_shows_charts_tables_and_the_map(login, coordinator, dataset):
    url = reverse("indicators:thousand_days") + f"?annee={Y}&indicateur=epp_couverture"
    html = login(coordinator).get(url).content.decode()
    assert html.count("<svg") >= 3  # summary, months, map
    assert "<circle" in html and "Castanet-Tolosan" in html and "Toulouse" in html
    assert "cible 70" in html
    assert html.index("Étape du parcours : grossesse") < html.index(
        "Étape du parcours : post-partum"
    )
    assert "62,5" in html or "62.5" in html
    assert "&lt; 5" in html  # suppressed cells
    assert "Foyer Test" not in html  # aggregates only


def test_an_unknown_indicator_is_a_french_400(login, coordinator):
    response = login(coordinator).get(reverse("indicators:thousand_days") + "?indicateur=zz")
    assert response.status_code == 400 and "Indicateur inconnu" in response.content.decode()


def test_a_report_in_one_click_is_a_pdf(login, coordinator, dataset, tmp_path):
    url = reverse("indicators:report", kwargs={"name": "aci", "fmt": "pdf"}) + f"?annee={Y}"
    response = login(coordinator).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    (tmp_path / "r.pdf").write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Rapport annuel ACI" in text and "< 5" in text


def test_an_unknown_report_is_404(login, coordinator):
    url = reverse("indicators:report", kwargs={"name": "inconnu", "fmt": "pdf"})
    assert login(coordinator).get(url).status_code == 404
