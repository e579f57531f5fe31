"""Server time of the 1000-days page (live count and nightly snapshot), of the seed 002
dashboard and of report building, next to the raw SQL of the same statements.

Usage::

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/mj_reports MILLEJOURS_DEMO=1 \
        .venv/bin/python bench/indicators_dashboard_bench.py [--n 20] [--year 2026]
    # region scale (issue 14 item 7): 165 000 families, live counts measured 3 times only
    DATABASE_URL=postgres://postgres@127.0.0.1:55432/mj_scale MILLEJOURS_DEMO=1 \
        .venv/bin/python bench/indicators_dashboard_bench.py --families 165000 --live-n 3

Runs against the loaded database (``millejours demo load --families N``; with
``--families N`` it loads up to N first if there are fewer), in process through Django's
test client, as the demo coordinator. Writes only the snapshot rows (``indicators_snapshot``),
sessions and report files under /tmp. Prints a Markdown table, with the load average of
the shared machine next to each figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import timed  # noqa: E402
from pages_bench import (  # noqa: E402
    add_families_argument,
    ensure_families,
    load_note,
    measure,
    p95,
    raw_sql_floor,
    record,
    setup,
)


def row(label: str, times: list[float], queries: str = "", floor: float | None = None) -> str:
    median = statistics.median(times)
    raw = f"{floor:.0f}" if floor is not None else ""
    ratio = f"{median / floor:.1f}×" if floor else ""
    return (
        f"| {label} | {median:.0f} | {p95(times):.0f} | {queries} | {raw} | {ratio} "
        f"| {load_note()} |"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="1000-days page, dashboard and reports.")
    parser.add_argument("--n", type=int, default=20, help="requests of the snapshot page")
    parser.add_argument("--live-n", type=int, default=0, help="requests of the live pages")
    parser.add_argument("--year", type=int, default=0)
    add_families_argument(parser)
    parser.add_argument("--report", default="ars", help="report template (report list)")
    parser.add_argument("--formats", default="json,pdf,xlsx,docx")
    parser.add_argument("--user", default="coordination@demo.millejours.fr")
    return parser


def _page(client: object, url: str, label: str, n: int) -> None:
    times, _cpu, statements = measure(client, url, n)
    floor = raw_sql_floor(statements, max(3, n // 4))
    print(row(label, times, str(len(statements)), floor))


def _reports(name: str, year: int, formats: list[str], n: int) -> None:
    """``millejours report build NAME --year Y --format F -o FILE``, as the command runs it."""
    from django.core.management import call_command

    out = Path(tempfile.mkdtemp(prefix="mj-bench-reports-"))
    for fmt in formats:
        args = ["report", "build", name, "--year", str(year), "--format", fmt]

        def build(fmt=fmt, args=args):
            call_command(*args, "-o", str(out / f"{name}.{fmt}"))

        statements = record(build)
        built = timed(build, n)
        floor = raw_sql_floor(statements, max(1, n))
        print(
            row(f"`report build {name} --format {fmt}` (live)", built, str(len(statements)), floor)
        )


def main() -> None:
    args = build_parser().parse_args()
    live_n = args.live_n or args.n
    setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from millejours.indicators.models import IndicatorSnapshot
    from millejours.ops.jobs import indicators_snapshot
    from millejours.pathway.models import Family, Milestone

    ensure_families(args.families)
    year = args.year or timezone.localdate().year
    client = Client()
    client.force_login(get_user_model().objects.get(email=args.user))
    url = reverse("indicators:thousand_days") + f"?annee={year}"
    print(
        f"Base : {connection.vendor}, {Family.objects.count()} familles, "
        f"{Milestone.objects.count()} étapes, année {year}, n = {args.n} (direct : {live_n})\n"
    )
    print(
        "| mesure | médiane (ms) | p95 (ms) | requêtes SQL | SQL brut rejoué, médiane (ms) "
        "| rapport | charge |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    IndicatorSnapshot.objects.filter(year__in=[year - 1, year]).delete()
    _page(client, url, "page 1000 jours, comptage en direct", live_n)
    print(
        row("job `indicators_snapshot` (deux années, comme la nuit)", timed(indicators_snapshot, 1))
    )
    if year not in (timezone.localdate().year, timezone.localdate().year - 1):
        from millejours.indicators import snapshot

        snapshot.refresh([year])
    _page(client, url, "page 1000 jours, comptes pré-agrégés", args.n)
    _page(
        client, reverse("indicators:dashboard") + f"?annee={year}", "page seed 002 (direct)", live_n
    )
    _reports(args.report, year, [f for f in args.formats.split(",") if f], max(1, live_n))


if __name__ == "__main__":
    main()
