"""The directory search caps its query: a 60 KB string is neither geocoded nor echoed back."""

BIG = "a" * 60_000


def test_a_60_kb_query_gives_a_french_message(client, db):
    response = client.get("/ressources/", {"q": BIG})
    assert response.status_code == 200
    html = response.content.decode()
    assert "La recherche est limitée à 200 caractères" in html
    assert BIG not in html
