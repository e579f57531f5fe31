"""Regional catalogue (issue 14 item 6): publish the fiche feed, subscribe, browse, copy."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from millejours.interop import feeds
from millejours.interop.models import FeedSubscription, RemoteFiche
from millejours.programme.models import Fiche, FicheState

pytestmark = pytest.mark.django_db


def _feed(*titles, theme="parentalite"):
    return {
        "schema": "millejours.fiche/1",
        "kind": "feed",
        "publisher": "CPTS du Vexin",
        "fiches": [
            {
                "id": str(i),
                "schema": "millejours.fiche/1",
                "fiche": {
                    "title": t,
                    "theme": theme,
                    "state": "en_cours",
                    "public_code": "parents_0_3",
                    "carrier": "CPTS du Vexin",
                    "actions": ["Un atelier par mois"],
                },
            }
            for i, t in enumerate(titles, start=1)
        ],
    }


@pytest.fixture
def feed_server():
    """A local HTTP server (never the internet): ``serve(path, body, delay=0)`` → URL."""
    routes = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body, status = routes.get(self.path, (b"introuvable", 404))
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def serve(path, body, status=200):
        routes[path] = (body if isinstance(body, bytes) else json.dumps(body).encode(), status)
        return f"http://127.0.0.1:{server.server_port}{path}"

    yield serve
    server.shutdown()
    server.server_close()


def test_the_instance_publishes_its_shared_fiches_as_a_feed(client):
    Fiche.objects.create(title="Café des parents", state=FicheState.EN_COURS)
    Fiche.objects.create(title="Idée pas encore partagée", state=FicheState.IDEE)
    response = client.get("/api/catalogue/fiches.json")
    assert response.status_code == 200
    body = response.json()
    assert body["schema"] == "millejours.fiche/1" and body["kind"] == "feed"
    assert [f["fiche"]["title"] for f in body["fiches"]] == ["Café des parents"]
    assert len(feeds.parse(response.content)) == 1


def test_a_coordinator_subscribes_by_url_and_filters_the_regional_catalogue(
    login, coordinator, feed_server
):
    url = feed_server("/vexin.json", _feed("Ateliers portage", "Massage bébé"))
    client = login(coordinator)
    response = client.post("/catalogue-regional/", {"name": "CPTS du Vexin", "url": url})
    assert response.status_code == 302
    subscription = FeedSubscription.objects.get()
    assert subscription.url == url and subscription.fiches.count() == 2
    page = client.get("/catalogue-regional/", {"q": "portage"}).content.decode()
    assert "Ateliers portage" in page and "Massage bébé" not in page
    assert (
        "Ateliers portage"
        not in client.get("/catalogue-regional/", {"theme": "nutrition_oralite"}).content.decode()
    )


def test_a_feed_can_be_uploaded_as_a_file_and_a_bad_file_changes_nothing(login, coordinator):
    client = login(coordinator)
    good = SimpleUploadedFile("vexin.json", json.dumps(_feed("Groupe de parole")).encode())
    assert (
        client.post("/catalogue-regional/", {"name": "CPTS du Vexin", "file": good}).status_code
        == 302
    )
    bad = SimpleUploadedFile("autre.json", b'{"schema": "autre/1"}')
    response = client.post("/catalogue-regional/", {"name": "CPTS Oise", "file": bad})
    assert response.status_code == 400 and "millejours.fiche/1" in response.content.decode()
    not_json = SimpleUploadedFile("flux.json", b"%PDF-1.4 binaire")
    response = client.post("/catalogue-regional/", {"name": "CPTS Oise", "file": not_json})
    assert response.status_code == 400 and "JSON attendu" in response.content.decode()
    assert list(FeedSubscription.objects.values_list("name", flat=True)) == ["CPTS du Vexin"]


def test_refresh_replaces_the_fiches_and_keeps_them_when_the_server_fails(
    login, coordinator, feed_server
):
    url = feed_server("/f.json", _feed("Première"))
    subscription = feeds.subscribe(name="CPTS du Vexin", url=url, actor=coordinator)
    feed_server("/f.json", _feed("Première", "Deuxième"))
    client = login(coordinator)
    client.post(f"/catalogue-regional/abonnements/{subscription.pk}/actualiser/")
    assert subscription.fiches.count() == 2
    feed_server("/f.json", b"erreur", status=500)
    client.post(f"/catalogue-regional/abonnements/{subscription.pk}/actualiser/")
    subscription.refresh_from_db()
    assert subscription.fiches.count() == 2 and "500" in subscription.last_error


def test_fetching_is_bounded_in_size_and_scheme(feed_server):
    url = feed_server("/big.json", b"x" * 2048)
    with pytest.raises(feeds.FeedError, match="dépasse"):
        feeds.fetch(url, max_bytes=1024)
    with pytest.raises(feeds.FeedError, match="http"):
        feeds.fetch("file:///etc/passwd")
    with pytest.raises(feeds.FeedError, match="injoignable"):
        feeds.fetch("http://127.0.0.1:9/", timeout=1)


def test_a_regional_fiche_is_copied_as_a_draft_into_the_local_programme(login, coordinator):
    subscription = FeedSubscription.objects.create(name="CPTS du Vexin")
    feeds.store(subscription, feeds.parse(json.dumps(_feed("Café des parents")).encode()))
    remote = RemoteFiche.objects.get()
    client = login(coordinator)
    assert (
        "Café des parents"
        in client.get(f"/catalogue-regional/fiches/{remote.pk}/").content.decode()
    )
    response = client.post(f"/catalogue-regional/fiches/{remote.pk}/")
    fiche = Fiche.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/programme/fiches/{fiche.pk}/"
    assert fiche.title == "Café des parents" and fiche.state == FicheState.IDEE
    assert fiche.imported_from == "catalogue régional : CPTS du Vexin"
    assert remote.document["fiche"]["state"] == "en_cours"  # the regional copy is untouched


def test_the_regional_catalogue_is_for_the_coordination_only(login, sagefemme, client):
    assert client.get("/catalogue-regional/").status_code == 302
    assert login(sagefemme).get("/catalogue-regional/").status_code == 403
