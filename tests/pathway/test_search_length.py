"""Search boxes cap their length: a 60 KB query is a French 400, not a query or a traceback."""

import pytest

BIG = "a" * 60_000


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/familles/", "q"),
        ("/familles/liste-de-travail/", "q"),
        ("/familles/liste-de-travail/", "commune"),
        ("/familles/communes/", "commune"),
    ],
)
def test_a_60_kb_search_is_refused_in_french(
    login, sagefemme, url, param, django_assert_max_num_queries
):
    client = login(sagefemme)
    with django_assert_max_num_queries(8):  # session, user, device: no search query runs
        response = client.get(url, {param: BIG})
    assert response.status_code == 400
    html = response.content.decode()
    assert "La recherche est limitée à 200 caractères" in html
    assert BIG not in html


def test_a_normal_search_still_works(login, sagefemme, family):
    response = login(sagefemme).get("/familles/", {"q": family.display_name[:5]})
    assert response.status_code == 200
