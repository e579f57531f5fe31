"""Hostile query parameters give a French 400, never a traceback."""

import pytest


@pytest.mark.parametrize("annee", ["99999999999999999999", "9" * 5000, "²⁰²⁵", "-1", "1e3", "1999"])
def test_an_impossible_year_is_a_french_400(login, coordinator, annee):
    client = login(coordinator)
    for url in ("/indicateurs/", "/indicateurs/export.csv"):
        response = client.get(url, {"annee": annee})
        assert response.status_code == 400
        assert "année doit être comprise entre 2000 et 2100" in response.content.decode()


@pytest.mark.parametrize("fmt", ["csv%0A", "xlsx%0Ax", "c%0Asv", "pdf"])
def test_an_unknown_export_format_is_a_french_400(login, coordinator, fmt):
    response = login(coordinator).get(f"/indicateurs/export.{fmt}")
    assert response.status_code == 400
    assert "Format inconnu" in response.content.decode()
    assert "Content-Disposition" not in response


def test_a_valid_year_still_exports(login, coordinator):
    response = login(coordinator).get("/indicateurs/export.csv", {"annee": "2025"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('2025.csv"')
