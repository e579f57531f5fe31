"""Server time of the professional's two busiest pages: the worklist and a family record.

Usage::

    MILLEJOURS_DATA_DIR=/tmp/mj-perf .venv/bin/python bench/pages_bench.py [--n 30] [--profile worklist]
    DATABASE_URL=postgres://postgres@127.0.0.1:55432/mj_scale .venv/bin/python bench/pages_bench.py \
        --families 165000 --user sagefemme@demo.millejours.fr --user referente@demo.millejours.fr

Runs against the database of ``MILLEJOURS_DATA_DIR`` / ``DATABASE_URL`` as it is (load it
first with ``millejours demo load --families 300``; nothing is written but access-log
entries and sessions). In process, through Django's test client (every middleware,
template rendering and the access-log write included, no network), as the demo sage-femme
(``sagefemme@demo.millejours.fr``, demo mode: no second factor):

1. median / p95 server time (wall clock) and median / p95 / minimum CPU time of the
   process (less sensitive to other processes on a busy machine; the minimum is the
   closest to an idle core) of each page over ``--n`` requests, and its SQL queries;
2. the raw-SQL floor: the same SQL statements replayed on a cursor (database time only);
3. with ``--profile PAGE``: the 25 heaviest functions under cProfile (cumulative time).

Prints a Markdown table. Synthetic data only.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "millejours.settings")
    os.environ.setdefault("MILLEJOURS_DEMO", "1")
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()


def pages(user, bucket: str = "") -> dict[str, str]:
    from django.urls import reverse

    from millejours.pathway.selectors import visible_families

    family = visible_families(user).order_by("pk").first()
    if family is None:
        raise SystemExit("Aucune famille visible : chargez d'abord « millejours demo load ».")
    return {
        "worklist": reverse("pathway:worklist") + (f"?liste={bucket}" if bucket else ""),
        "family_record": reverse("pathway:family_detail", args=[family.pk]),
    }


def record(func: Callable[[], object]) -> list[str]:
    """The SQL statements (parameters inlined) that ``func()`` runs."""
    from django.db.backends import utils

    statements = []
    original = utils.CursorWrapper._execute

    def recording(self, sql, params, *ignored):
        statements.append(sql % tuple(_literal(p) for p in params) if params else sql)
        return original(self, sql, params, *ignored)

    utils.CursorWrapper._execute = recording  # every connection object, whatever its context
    try:
        func()
    finally:
        utils.CursorWrapper._execute = original
    return statements


def measure(client, url: str, n: int) -> tuple[list[float], list[float], list[str]]:
    client.get(url)  # warm caches (templates, rules)
    responses = []
    statements = record(lambda: responses.append(client.get(url)))
    assert responses[0].status_code == 200, (url, responses[0].status_code)
    times, cpu = [], []
    for _ in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return times, cpu, statements


def ensure_families(n: int) -> None:
    """At least ``n`` demo families in the database: ``demo load --families n`` if fewer
    (chunked and resumable; ≈ 2 min per 10 000 families on the shared 2-core machine)."""
    from millejours.pathway.models import Family

    have = Family.objects.count()
    if n and have < n:
        from django.core.management import call_command

        print(f"{have} familles : chargement jusqu'à {n} (demo load)…", file=sys.stderr)
        call_command("demo", "load", "--families", str(n))


def add_families_argument(parser: argparse.ArgumentParser) -> None:
    """``--families N``, the number of demo families a bench expects (``ensure_families``)."""
    parser.add_argument(
        "--families",
        type=int,
        default=0,
        help="N: demo families expected (loaded up to N with « demo load » if fewer)",
    )


def load_note() -> str:
    """The load average, printed next to every figure (the machine is shared)."""
    return f"charge {os.getloadavg()[0]:.1f}"


def _literal(value) -> str:
    """An SQL literal for replaying a statement (numbers, strings, dates, booleans, lists)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "ARRAY[" + ",".join(_literal(v) for v in value) + "]"
    return "'" + str(value).replace("'", "''") + "'"


def raw_sql_floor(statements: list[str], n: int) -> float:
    """Median time of replaying the page's SELECTs on a raw cursor (writes skipped)."""
    from django.db import connection

    selects = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    times = []
    with connection.cursor() as cursor:
        for _ in range(n):
            start = time.perf_counter()
            for sql in selects:
                cursor.execute(sql)
                cursor.fetchall()
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Server time of the worklist and family record.")
    parser.add_argument("--n", type=int, default=30, help="requests per page")
    add_families_argument(parser)
    parser.add_argument(
        "--user",
        action="append",
        default=[],
        help="account (repeatable; default: the demo sage-femme)",
    )
    parser.add_argument("--profile", choices=["worklist", "family_record"], default="")
    parser.add_argument(
        "--worklist-bucket", default="", help="tab of the worklist (due_this_week, late, upcoming…)"
    )
    return parser


def main() -> None:
    args = build_parser().parse_args()
    users = args.user or ["sagefemme@demo.millejours.fr"]
    setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from millejours.pathway.models import Family

    ensure_families(args.families)
    print(
        f"Base : {connection.vendor}, {Family.objects.count()} familles, "
        f"{args.n} requêtes par page, "
        f"liste de travail : {args.worklist_bucket or 'onglet par défaut'}\n"
    )
    print(
        "| utilisateur | page | médiane (ms) | p95 (ms) | CPU médian (ms) | CPU p95 (ms) "
        "| CPU min (ms) | requêtes SQL | SQL brut rejoué (ms) | rapport | charge |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for email in users:
        user = get_user_model().objects.get(email=email)
        client = Client()
        client.force_login(user)
        urls = pages(user, args.worklist_bucket)
        for name, url in urls.items():
            times, cpu, statements = measure(client, url, args.n)
            floor = raw_sql_floor(statements, args.n)
            median = statistics.median(times)
            print(
                f"| {email.split('@')[0]} | {name} | {median:.1f} | {p95(times):.1f} "
                f"| {statistics.median(cpu):.1f} | {p95(cpu):.1f} | {min(cpu):.1f} "
                f"| {len(statements)} | {floor:.1f} | {median / floor:.1f}× | {load_note()} |"
            )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.n):
            client.get(urls[args.profile])
        profiler.disable()
        print()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(r"millejours/", 40)
        stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
