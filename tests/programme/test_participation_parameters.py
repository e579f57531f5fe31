"""The participations' ``annee`` filter refuses impossible years in French (no traceback)."""

import pytest


@pytest.mark.parametrize(
    "url", ["/programme/participations/", "/programme/participations/export.csv"]
)
@pytest.mark.parametrize("annee", ["99999999999", "²", "0"])
def test_an_impossible_year_is_a_french_400(login, coordinator, url, annee):
    response = login(coordinator).get(url, {"annee": annee})
    assert response.status_code == 400
    assert "année doit être comprise entre 2000 et 2100" in response.content.decode()


def test_a_real_year_filters(login, coordinator):
    assert (
        login(coordinator).get("/programme/participations/", {"annee": "2025"}).status_code == 200
    )
