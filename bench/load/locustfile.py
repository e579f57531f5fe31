"""Load scenario of Mille Jours: parents, professionals and coordinators, 1–5 s think time.

Run (see README.md next to this file)::

    locust -f bench/load/locustfile.py --headless -H http://127.0.0.1:8765 \
        -u 100 -r 5 -t 4m --csv /tmp/mj-load

against ``millejours serve`` (or gunicorn) on a database loaded with
``millejours demo load --families 10000`` and ``MILLEJOURS_DEMO=1`` (demo accounts, no
second factor). Traffic goes only to the host given with ``-H`` (refused unless it is
127.0.0.1 or localhost: this scenario is for a test server). Request names are the
pages, not the URLs, so that the statistics group one line per page.

Population (weights): professionals 50 % (the demo sage-femme and PMI nurse and their
generated colleagues: ``MJ_LOAD_COLLEAGUES`` pairs, 9 by default, for 10 000 families),
parents 35 %, coordinators 15 %. Every user
logs in once, then loops on its tasks, waiting 1–5 s between two requests; every user
also polls the health page (``MJ_HEALTH_PATH``, default ``/sante/``; a 503 answer is a
valid health answer and is not counted as an error, only its latency matters).

At the end, the p50/p95/p99 of each group of pages (professionals, parents,
coordinators, health page, logins), computed from every response time (not from the
per-page percentiles), are printed and written to ``$MJ_LOAD_OUT/groups.json``: over the
whole run (``whole_run``: the ramp-up, 5 users a second each logging in once with Argon2,
included) and in the steady state (``steady``: after the last user was started).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
from urllib.parse import urlsplit

from load_groups import GroupTimes
from locust import HttpUser, between, events, task
from locust.exception import StopUser

PASSWORD = os.environ.get("MJ_DEMO_PASSWORD", "demo-millejours")
HEALTH_PATH = os.environ.get("MJ_HEALTH_PATH", "/sante/")
FAMILY_LINK = re.compile(r'href="/familles/(\d+)/(?:#[^"]*)?"')
DONE_LINK = re.compile(r'href="/familles/(\d+)/etapes/(\d+)/fait/"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@events.test_start.add_listener
def _local_only(environment, **_kwargs):
    host = urlsplit(environment.host or "").hostname
    if host not in {"127.0.0.1", "localhost"}:
        raise SystemExit(f"Scénario réservé à un serveur local (hôte reçu : {host!r}).")


GROUPS = GroupTimes()  # every response of the run
STEADY = GroupTimes()  # the responses after the last user was started (ramp-up and logins over)
_steady = False


@events.spawning_complete.add_listener
def _ramp_up_over(user_count, **_kwargs):
    global _steady
    _steady = True


@events.request.add_listener
def _group_time(name, response_time, exception, **_kwargs):
    GROUPS.add(name, response_time, failed=exception is not None)
    if _steady:
        STEADY.add(name, response_time, failed=exception is not None)


@events.quitting.add_listener
def _group_report(environment, **_kwargs):
    report = {"whole_run": GROUPS.report(), "steady": STEADY.report()}
    print("Toute la durée (montée en charge et connexions comprises) :")
    print(GROUPS.table(report["whole_run"]))
    print("\nRégime établi (après le démarrage du dernier utilisateur) :")
    print(STEADY.table(report["steady"]))
    out = os.environ.get("MJ_LOAD_OUT")
    if out:
        with open(os.path.join(out, "groups.json"), "w", encoding="utf-8") as fh:
            json.dump(report, fh, ensure_ascii=False, indent=1)


class DemoUser(HttpUser):
    abstract = True
    wait_time = between(1, 5)
    email = ""

    def on_start(self):
        page = self.client.get("/comptes/connexion/", name="connexion (formulaire)")
        match = CSRF.search(page.text or "")
        if match is None:  # the server did not answer: this user stops, the error is counted
            raise StopUser()
        token = match.group(1)
        with self.client.post(
            "/comptes/connexion/",
            name="connexion",
            data={"username": self.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/comptes/connexion/"},
            catch_response=True,
        ) as response:
            if response.ok and "connexion" in urlsplit(response.url or "").path:
                response.failure(f"connexion refusée pour {self.email}")

    def csrf_token(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    @task(1)
    def health(self):
        with self.client.get(HEALTH_PATH, name="santé", catch_response=True) as response:
            if response.status_code in (200, 503):
                response.success()


def professional_accounts(colleagues: int) -> tuple[str, ...]:
    """The demo sage-femme and PMI nurse, and their generated colleagues ``sagefemme1@…``,
    ``pmi1@…`` (one pair per block of 1 000 demo families after the first one: 9 at
    10 000 families), so that the professionals' traffic spreads over real caseloads."""
    return tuple(
        f"{role}{block or ''}@demo.millejours.fr"
        for block in range(colleagues + 1)
        for role in ("sagefemme", "pmi")
    )


class Professional(DemoUser):
    weight = 50
    accounts = professional_accounts(int(os.environ.get("MJ_LOAD_COLLEAGUES", "9")))

    def on_start(self):
        self.email = random.choice(self.accounts)
        super().on_start()
        self.families: list[str] = []

    @task(6)
    def worklist(self):
        bucket = random.choice(["due_this_week", "late", "upcoming"])
        page = self.client.get(
            f"/familles/liste-de-travail/?liste={bucket}", name="pro : liste de travail"
        )
        found = FAMILY_LINK.findall(page.text)
        if found:
            self.families = sorted(set(self.families) | set(found))[-200:]

    @task(6)
    def family_record(self):
        if not self.families:
            return self.worklist()
        family = random.choice(self.families)
        page = self.client.get(f"/familles/{family}/", name="pro : dossier famille")
        self.open_steps = DONE_LINK.findall(page.text)

    @task(2)
    def mark_done(self):
        steps = getattr(self, "open_steps", None)
        if not steps:
            return self.family_record()
        family, milestone = steps.pop(random.randrange(len(steps)))
        self.client.post(
            f"/familles/{family}/etapes/{milestone}/fait/",
            name="pro : marquer fait",
            data={
                "done_on": dt.date.today().isoformat(),
                "note": "",
                "csrfmiddlewaretoken": self.csrf_token(),
            },
            headers={
                "HX-Request": "true",
                "X-CSRFToken": self.csrf_token(),
                "Referer": f"{self.host}/familles/{family}/",
            },
        )


class Parent(DemoUser):
    weight = 35
    email = "parent@demo.millejours.fr"

    @task(4)
    def calendar(self):
        self.client.get("/familles/mon-calendrier/", name="parent : calendrier")

    @task(2)
    def epds(self):
        self.client.get("/reperage/epds/", name="parent : EPDS")

    @task(3)
    def directory_map(self):
        self.client.get("/ressources/", name="parent : annuaire (carte)")
        self.client.get("/ressources/carte.json", name="parent : marqueurs de la carte")


class Coordinator(DemoUser):
    weight = 15
    email = "coordination@demo.millejours.fr"

    @task(3)
    def indicators(self):
        self.client.get("/indicateurs/", name="coordination : indicateurs")

    @task(2)
    def events(self):
        self.client.get("/programme/evenements/", name="coordination : événements")
