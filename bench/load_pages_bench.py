"""Server time of every page of the load test (bench/load/locustfile.py), one by one.

Usage::

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/mj_load .venv/bin/python \\
        bench/load_pages_bench.py [--n 25]

In process, through Django's test client (every middleware, the templates, the panels and
the access-log write included; no network), on the database as it is (load it first with
``millejours demo load --families 10000``; nothing is written but access-log entries and
sessions), as the demo accounts the scenario uses. For each page: the median wall-clock
time, the median **CPU time** of the process (what an idle core would give), the median
time spent in SQL (wall clock around each statement: the database's share, network
included) and the number of queries. ``/sante/`` answers 503 without a worker and a
scheduler: its cost is measured all the same. Prints a Markdown table. Synthetic data only.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages_bench import load_note, setup  # noqa: E402

PAGES = {
    "sagefemme@demo.millejours.fr": [
        "/familles/liste-de-travail/?liste=due_this_week",
        "/familles/liste-de-travail/?liste=late",
        "/familles/liste-de-travail/?liste=upcoming",
        "{family}",
    ],
    "parent@demo.millejours.fr": [
        "/familles/mon-calendrier/",
        "/reperage/epds/",
        "/ressources/",
        "/ressources/carte.json",
    ],
    "coordination@demo.millejours.fr": ["/indicateurs/", "/programme/evenements/", "/sante/"],
}


class SqlClock:
    """Wall-clock time and count of the SQL statements run inside ``with connection.execute_wrapper(clock)``."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.times.append((time.perf_counter() - start) * 1000)


def measure(client: Any, url: str, n: int) -> tuple[float, float, float, float]:
    """Medians of wall time, CPU time, SQL time and query count over ``n`` requests."""
    from django.db import connection

    response = client.get(url)  # warm caches (templates, rules)
    assert response.status_code in (200, 503), (url, response.status_code)
    wall, cpu, sql, queries = [], [], [], []
    for _ in range(n):
        clock = SqlClock()
        with connection.execute_wrapper(clock):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        sql.append(sum(clock.times))
        queries.append(len(clock.times))
    m = statistics.median
    return m(wall), m(cpu), m(sql), m(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description="Server time of the load test's pages.")
    parser.add_argument("--n", type=int, default=25, help="requests per page")
    args = parser.parse_args()
    setup()
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # the 503 health answers
    from django.contrib.auth import get_user_model
    from django.test import Client

    from millejours.pathway.selectors import visible_families

    print(f"{load_note()}, {args.n} requêtes par page\n")
    print("| compte | page | médiane (ms) | CPU (ms) | SQL (ms) | requêtes SQL |")
    print("|---|---|---:|---:|---:|---:|")
    for email, urls in PAGES.items():
        user = get_user_model().objects.get(email=email)
        client = Client()
        client.force_login(user)
        family = visible_families(user).order_by("pk").first()
        for url in urls:
            if url == "{family}":
                if family is None:
                    continue
                url = f"/familles/{family.pk}/"
            wall, cpu, sql, queries = measure(client, url, args.n)
            print(
                f"| {email.split('@')[0]} | {url} | {wall:.1f} | {cpu:.1f} | {sql:.1f} "
                f"| {queries:.0f} |"
            )


if __name__ == "__main__":
    main()
