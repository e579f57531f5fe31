"""The scheduled job ``catalogue_refresh`` re-reads the subscribed CPTS' fiche feeds:
URL subscriptions only, least recently refreshed first, bounded, a failing feed keeps its
fiches and does not stop the others. Fake feeds on a local HTTP server."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from millejours.interop import feeds
from millejours.interop.models import FeedSubscription, RemoteFiche
from millejours.ops.jobs import BY_NAME
from tests.local_http import JsonHandler, LocalServer

pytestmark = pytest.mark.django_db

ROUTES: dict[str, tuple[int, object]] = {}


class FeedHandler(JsonHandler):
    def do_GET(self):
        status, payload = ROUTES.get(self.path, (404, {"detail": "introuvable"}))
        self._reply(status, payload)


class FeedServer(LocalServer):
    def __init__(self):
        self._serve(FeedHandler)


def _feed(*titles):
    return {
        "schema": "millejours.fiche/1",
        "kind": "feed",
        "fiches": [
            {"id": str(i), "fiche": {"title": t, "theme": "parentalite"}}
            for i, t in enumerate(titles, start=1)
        ],
    }


@pytest.fixture
def server():
    ROUTES.clear()
    with FeedServer() as running:
        yield running


def _subscription(name, url, *, days_ago, titles=("Ancienne fiche",)):
    sub = FeedSubscription.objects.create(
        name=name, url=url, refreshed_at=timezone.now() - timedelta(days=days_ago)
    )
    feeds.store(sub, [{"id": str(i), "fiche": {"title": t}} for i, t in enumerate(titles)])
    FeedSubscription.objects.filter(pk=sub.pk).update(
        refreshed_at=timezone.now() - timedelta(days=days_ago)
    )
    return sub


def test_the_job_is_in_the_one_job_list_and_runs_daily():
    job = BY_NAME["catalogue_refresh"]
    assert job.schedule.cron == "0 6 * * *"
    assert "Catalogue régional" in job.description


def test_the_job_refreshes_url_feeds_and_a_failing_one_keeps_its_fiches(server):
    ROUTES["/vexin.json"] = (200, _feed("Massage bébé", "Café des parents"))
    ROUTES["/oise.json"] = (500, {"detail": "panne"})
    vexin = _subscription("CPTS du Vexin", server.base + "/vexin.json", days_ago=2)
    oise = _subscription("CPTS de l'Oise", server.base + "/oise.json", days_ago=3)
    from_file = FeedSubscription.objects.create(name="CPTS fichier", url="")
    out = io.StringIO()
    call_command("jobs", "run", "catalogue_refresh", stdout=out)
    result = json.loads(out.getvalue())
    assert result["status"] == "success"
    assert result["result"] == {
        "refreshed": 1,
        "failed": 1,
        "failed_names": ["CPTS de l'Oise"],
        "postponed": 0,
    }
    assert sorted(vexin.fiches.values_list("title", flat=True)) == [
        "Café des parents",
        "Massage bébé",
    ]
    oise.refresh_from_db()
    assert list(oise.fiches.values_list("title", flat=True)) == ["Ancienne fiche"]
    assert "500" in oise.last_error
    assert not RemoteFiche.objects.filter(subscription=from_file).exists()


def test_a_run_is_bounded_and_takes_the_least_recently_refreshed_first(server):
    for i, days in enumerate((1, 5, 3)):
        ROUTES[f"/f{i}.json"] = (200, _feed(f"Nouvelle {i}"))
        _subscription(f"CPTS {i}", server.base + f"/f{i}.json", days_ago=days)
    result = feeds.refresh_subscriptions(limit=2)
    assert result["refreshed"] == 2 and result["postponed"] == 1
    fresh = set(
        RemoteFiche.objects.filter(title__startswith="Nouvelle").values_list(
            "subscription__name", flat=True
        )
    )
    assert fresh == {"CPTS 1", "CPTS 2"}  # 5 and 3 days old; the 1-day-old one waits
    assert feeds.refresh_subscriptions(limit=2, budget_seconds=-1)["refreshed"] == 0
