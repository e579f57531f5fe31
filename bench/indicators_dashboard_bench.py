"""Server time of the 1000-days page (live count and nightly snapshot) and of report
building, next to the raw SQL of the same statements.

Usage::

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/mj_reports MILLEJOURS_DEMO=1 \
        .venv/bin/python bench/indicators_dashboard_bench.py [--n 20] [--year 2026]

Runs against the loaded database (``millejours demo load --families 10000``), in process
through Django's test client, as the demo coordinator. Writes only the snapshot row of the
year (``indicators_snapshot``), sessions and nothing else. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages_bench import measure, p95, raw_sql_floor, setup  # noqa: E402


def timed(func, n: int) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return times


def row(label: str, times: list[float], queries: str = "", floor: str = "") -> str:
    return f"| {label} | {statistics.median(times):.0f} | {p95(times):.0f} | {queries} | {floor} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--year", type=int, default=0)
    parser.add_argument("--user", default="coordination@demo.millejours.fr")
    args = parser.parse_args()
    setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from millejours.indicators import render, reports, snapshot
    from millejours.indicators.models import IndicatorSnapshot
    from millejours.pathway.models import Family

    year = args.year or timezone.localdate().year
    client = Client()
    client.force_login(get_user_model().objects.get(email=args.user))
    url = reverse("indicators:thousand_days") + f"?annee={year}"
    print(
        f"Base : {connection.vendor}, {Family.objects.count()} familles, année {year}, n = {args.n}\n"
    )
    print("| mesure | médiane (ms) | p95 (ms) | requêtes SQL | SQL brut rejoué, médiane (ms) |")
    print("|---|---:|---:|---:|---:|")
    IndicatorSnapshot.objects.filter(year=year).delete()
    times, _cpu, statements = measure(client, url, args.n)
    print(
        row(
            "page 1000 jours, comptage en direct",
            times,
            str(len(statements)),
            f"{raw_sql_floor(statements, max(3, args.n // 4)):.0f}",
        )
    )
    refresh = timed(lambda: snapshot.refresh([year]), 3)
    print(row("job indicators_snapshot (une année)", refresh))
    times, _cpu, statements = measure(client, url, args.n)
    print(
        row(
            "page 1000 jours, comptes pré-agrégés",
            times,
            str(len(statements)),
            f"{raw_sql_floor(statements, args.n):.0f}",
        )
    )
    for fmt in ("json", "pdf", "xlsx", "docx"):
        built = timed(lambda fmt=fmt: render.render(reports.build("ars", year), fmt), 3)
        print(row(f"rapport ARS, {fmt.upper()} (comptage en direct)", built))


if __name__ == "__main__":
    main()
