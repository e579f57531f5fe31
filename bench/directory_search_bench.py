"""Benchmark of the directory search (``directory.selectors.search_services``).

Usage::

    .venv/bin/python bench/directory_search_bench.py --n 50000 [--db-url URL] [--runs 200]

With no ``--db-url`` a fresh SQLite file under /tmp is used. The database given is
FLUSHED first: use a dedicated one (e.g. ``postgres://postgres@127.0.0.1:55432/mj_bench_dir``).

It creates N published services (bulk, synthetic) spread over metropolitan France with
denser clusters around cities, then times ``--runs`` searches around random centres
(radius 10 km; also 30 km with a theme filter; and "open now"), each next to the
equivalent raw SQL: the same bounding-box query through a cursor with haversine in
Python, and on PostgreSQL also a pure-SQL haversine with ``ORDER BY distance``.
Prints a Markdown table of p50 / p95 / max in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import setup_database  # noqa: E402

CITIES = [
    (43.6045, 1.4440),
    (48.8566, 2.3522),
    (45.7640, 4.8357),
    (43.2965, 5.3698),
    (47.2184, -1.5536),
    (44.8378, -0.5792),
    (50.6292, 3.0573),
    (48.5734, 7.7521),
    (43.5156, 1.4981),
    (45.1885, 5.7245),
]
THEMES = [
    "perinatalite--allaitement",
    "perinatalite--sommeil",
    "perinatalite--portage",
    "perinatalite--depression-post-partum",
    "famille--soutien-a-la-parentalite-et-a-leducation",
    "sante--sante-mentale",
    "1000-jours--isolement-epuisement",
    "1000-jours--place-du-pere",
]
HOURS = [
    "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off",
    "Mo-Fr 08:30-18:00",
    "Tu,Th 09:00-12:00",
    "24/7",
    "",
    # Real-world forms the maintained parser reads (issue 16).
    'Mo-Fr 9:00-12:00 "sur rendez-vous"',
    '"sur rendez-vous"',
    "Jul-Aug Mo-Fr 10:00-12:00",
    "We[1,3] 14:00-17:00",
    'Mo-Fr 09:00-12:30,13:30-17:00 || "sur rendez-vous"',
    "Mo-Fr 08:30-17:00; Aug off; PH off",
    "Lu-Ve 9h-12h",  # unreadable: kept as text, never open
]


def random_hours(rng, i: int) -> str:
    """Mostly shared values, and one service in five with its own (distinct) hours."""
    if rng.random() < 0.2:
        start = 7 + i % 4
        return f"Mo-Fr {start:02d}:{(i * 7) % 60:02d}-{start + 4:02d}:00; PH off"
    return rng.choice(HOURS)


def pct(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def random_point(rng):
    if rng.random() < 0.6:
        lat, lon = rng.choice(CITIES)
        return lat + rng.gauss(0, 0.15), lon + rng.gauss(0, 0.2)
    return rng.uniform(42.5, 50.9), rng.uniform(-4.5, 7.9)


def generate(n: int, rng) -> None:
    from millejours.directory.models import Service, Status, Structure

    structures = [
        Structure(source="bench", source_id=f"s{i}", name=f"Structure {i}", typologie="association")
        for i in range(max(1, n // 5))
    ]
    Structure.objects.bulk_create(structures, batch_size=2000)
    structures = list(Structure.objects.filter(source="bench").only("pk"))
    batch = []
    for i in range(n):
        lat, lon = random_point(rng)
        service = Service(
            structure=structures[i % len(structures)],
            source="bench",
            source_id=f"v{i}",
            name=f"Service {i}",
            latitude=lat,
            longitude=lon,
            status=Status.PUBLISHED if rng.random() < 0.9 else Status.DRAFT,
            thematiques=rng.sample(THEMES, rng.randint(1, 3)),
            opening_hours=random_hours(rng, i),
        )
        service.sync_keys()
        batch.append(service)
        if len(batch) >= 5000:
            Service.objects.bulk_create(batch)
            batch = []
    Service.objects.bulk_create(batch)


def raw_bbox(cursor, vendor, lat, lon, radius, theme=None):
    from millejours.directory import geo

    lat_min, lat_max, lon_min, lon_max = geo.bounding_box(lat, lon, radius)
    sql = (
        "SELECT id, latitude, longitude FROM directory_service WHERE status = %s AND latitude >= %s"
        " AND latitude <= %s AND longitude >= %s AND longitude <= %s"
    )
    params = ["publie", lat_min, lat_max, lon_min, lon_max]
    if theme:
        sql += " AND themes_key LIKE %s"
        params.append(f"%|{theme}|%")
    cursor.execute(sql, params)
    rows = []
    for pk, la, lo in cursor.fetchall():
        d = geo.haversine_km(lat, lon, la, lo)
        if d <= radius:
            rows.append((d, pk))
    rows.sort()
    return rows


def raw_sql_haversine(cursor, lat, lon, radius):
    from millejours.directory import geo

    lat_min, lat_max, lon_min, lon_max = geo.bounding_box(lat, lon, radius)
    cursor.execute(
        """
        SELECT id, d FROM (
          SELECT id, 2 * 6371.0088 * asin(sqrt(
            power(sin(radians(latitude - %s) / 2), 2)
            + cos(radians(%s)) * cos(radians(latitude)) * power(sin(radians(longitude - %s) / 2), 2))) AS d
          FROM directory_service
          WHERE status = 'publie' AND latitude BETWEEN %s AND %s AND longitude BETWEEN %s AND %s
        ) t WHERE d <= %s ORDER BY d, id
        """,
        [lat, lat, lon, lat_min, lat_max, lon_min, lon_max, radius],
    )
    return cursor.fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=50000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--db-url", default="")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--reuse", action="store_true", help="Keep the services already generated (same --n)."
    )
    args = parser.parse_args()
    db_url = setup_database(args.db_url, reuse=args.reuse, name=f"mj_directory_bench_{os.getpid()}")
    from django.db import connection, reset_queries

    from millejours.directory.selectors import search_candidates, search_page, search_services

    rng = random.Random(args.seed)
    started = time.perf_counter()
    from millejours.directory.models import Service

    if not (args.reuse and Service.objects.filter(source="bench").count() == args.n):
        Service.objects.filter(source="bench").delete()
        generate(args.n, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "VACUUM ANALYZE directory_service"
            )  # as autovacuum would: visibility map for index-only scans
    print(
        f"Generated {args.n} services in {time.perf_counter() - started:.1f} s on {connection.vendor}.\n"
    )

    centres = [random_point(rng) for _ in range(args.runs)]
    scenarios = []

    def bench(label, fn):
        fn(*centres[0])  # warm-up
        times, sizes = [], []
        for lat, lon in centres:
            t = time.perf_counter()
            result = fn(lat, lon)
            times.append((time.perf_counter() - t) * 1000)
            sizes.append(len(result))
            reset_queries()
        scenarios.append(
            (label, pct(times, 50), pct(times, 95), max(times), sum(sizes) / len(sizes))
        )

    def page(la, lo, **kw):
        total, hits = search_page(latitude=la, longitude=lo, page_size=25, **kw)
        return hits

    bench(
        "ORM page (count + nearest 25 loaded, as the pages), 10 km",
        lambda la, lo: page(la, lo, radius_km=10),
    )
    with connection.cursor() as cursor:
        bench(
            "raw SQL bbox + Python haversine, 10 km (ids only)",
            lambda la, lo: raw_bbox(cursor, connection.vendor, la, lo, 10),
        )
        if connection.vendor == "postgresql":
            bench(
                "raw SQL haversine in SQL, 10 km (ids only)",
                lambda la, lo: raw_sql_haversine(cursor, la, lo, 10),
            )
    bench("ORM page, 30 km + theme", lambda la, lo: page(la, lo, radius_km=30, theme=THEMES[0]))
    with connection.cursor() as cursor:
        bench(
            "raw SQL bbox + Python haversine, 30 km + theme (ids only)",
            lambda la, lo: raw_bbox(cursor, connection.vendor, la, lo, 30, THEMES[0]),
        )
    bench("ORM page, 10 km + open now", lambda la, lo: page(la, lo, radius_km=10, open_now=True))
    bench("ORM page, 30 km + open now", lambda la, lo: page(la, lo, radius_km=30, open_now=True))
    bench(
        "ORM candidates only (ids + distances, all matches), 10 km",
        lambda la, lo: search_candidates(latitude=la, longitude=lo, radius_km=10),
    )
    bench(
        "ORM full search, every match loaded (command), 10 km",
        lambda la, lo: search_services(latitude=la, longitude=lo, radius_km=10),
    )

    print(
        f"| Search ({connection.vendor}, N = {args.n}, {args.runs} runs) | p50 ms | p95 ms | max ms | mean rows |"
    )
    print("|---|---:|---:|---:|---:|")
    for label, p50, p95, worst, mean in scenarios:
        print(f"| {label} | {p50:.1f} | {p95:.1f} | {worst:.1f} | {mean:.0f} |")
    if not args.db_url and not args.reuse:
        Path(db_url.replace("sqlite:///", "")).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
