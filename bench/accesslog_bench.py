"""Benchmark of the access log: appending entries and verifying the hash chain.

Usage::

    .venv/bin/python bench/accesslog_bench.py --n 100000 [--db-url URL]

With no ``--db-url`` a fresh SQLite file under /tmp is used. The database given is
FLUSHED first: use a dedicated one (e.g. ``postgres://postgres@127.0.0.1:55432/mj_bench_trust``).

1. ``record_access`` (lock + hash + insert + head update), 500 sequential calls;
2. building N chained entries in bulk (``bulk_create``) — the setup of step 3;
3. ``verify_chain`` (ORM ``.values().iterator(chunk_size)``) next to the same walk over a
   raw server-side cursor (``fetchmany``), both recomputing every SHA-256.

Prints a Markdown table. Synthetic data only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import sage_femme, setup_database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--db-url", default="")
    parser.add_argument("--chunk-size", type=int, default=5000)
    args = parser.parse_args()
    setup_database(args.db_url, name="bench_trust")

    from django.db import connection, transaction
    from django.utils import timezone

    from millejours.audit.chain import (
        FIELDS,
        GENESIS_HASH,
        compute_hash,
        sign_head,
        signing_key,
        verify_chain,
    )
    from millejours.audit.models import AccessLog, AccessLogHead
    from millejours.audit.services import record_access
    from millejours.pathway.models import Family
    from millejours.territory.models import Commune

    commune = Commune.objects.create(insee_code="31113", name="Castanet-Tolosan", departement="31")
    family = Family.objects.create(display_name="Foyer Banc d'essai", commune=commune)
    user = sage_femme("bench@exemple.test")
    rows = []

    t0 = time.perf_counter()
    for _ in range(500):
        record_access(user=user, family=family, page="pathway:family_detail", path="/familles/1/")
    t_record = time.perf_counter() - t0
    rows.append(("record_access (ORM, verrou + tête)", 500, t_record, 500 / t_record))

    t0 = time.perf_counter()
    head = AccessLogHead.objects.get(pk=1)
    prev, batch, start = head.last_hash, [], timezone.now()
    key_id = signing_key()[0]
    remaining = args.n - 500
    with transaction.atomic():
        for i in range(remaining):
            entry = AccessLog(
                at=start + dt.timedelta(microseconds=i),
                user_id=user.pk,
                actor_label="Banc Essai",
                actor_profession="Sage-femme",
                actor_organisation="",
                family_id_ref=family.pk,
                page="pathway:family_detail",
                path="/familles/1/",
                break_glass=False,
                prev_hash=prev,
                key_id=key_id,
            )
            entry.entry_hash = prev = compute_hash(prev, entry)
            batch.append(entry)
            if len(batch) == 5000:
                AccessLog.objects.bulk_create(batch)
                batch = []
        AccessLog.objects.bulk_create(batch)
        last = AccessLog.objects.order_by("-id").first()
        head.last_id, head.last_hash, head.count = last.id, last.entry_hash, args.n
        sign_head(head)  # the head is signed: an unsigned update reads as a truncated log
        head.save(update_fields=["last_id", "last_hash", "count", "key_id", "mac"])
    t_bulk = time.perf_counter() - t0
    rows.append(("construction en masse (bulk_create)", remaining, t_bulk, remaining / t_bulk))

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    report = verify_chain(chunk_size=args.chunk_size)
    t_verify = time.perf_counter() - t0
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert report.ok and report.checked == args.n, report.message
    rows.append(("verify (ORM, itérateur par lots)", args.n, t_verify, args.n / t_verify))

    t0 = time.perf_counter()
    columns = ", ".join("user_id" if f == "user_id" else f for f in FIELDS)
    prev, checked = GENESIS_HASH, 0
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM trust_accesslog ORDER BY id")
        while True:
            chunk = cursor.fetchmany(args.chunk_size)
            if not chunk:
                break
            for values in chunk:
                row = dict(zip(FIELDS, values, strict=True))
                if isinstance(row["at"], str):
                    row["at"] = dt.datetime.fromisoformat(row["at"])
                if row["at"].tzinfo is None:  # SQLite stores UTC without offset
                    row["at"] = row["at"].replace(tzinfo=dt.UTC)
                if isinstance(row["break_glass"], int):
                    row["break_glass"] = bool(row["break_glass"])
                assert row["prev_hash"] == prev and compute_hash(prev, row) == row["entry_hash"], (
                    row["id"]
                )
                prev = row["entry_hash"]
                checked += 1
    t_raw = time.perf_counter() - t0
    rows.append(("verify (SQL brut, curseur serveur)", checked, t_raw, checked / t_raw))

    print(f"\nBase : {connection.vendor}, N = {args.n}, lots de {args.chunk_size}\n")
    print("| opération | lignes | durée (s) | lignes/s |")
    print("|---|---:|---:|---:|")
    for label, count, seconds, rate in rows:
        print(f"| {label} | {count} | {seconds:.2f} | {rate:,.0f} |")
    print(
        f"\nMémoire résidente maximale : {rss_before / 1024:.0f} Mo avant la vérification, {rss_after / 1024:.0f} Mo après"
    )


if __name__ == "__main__":
    main()
