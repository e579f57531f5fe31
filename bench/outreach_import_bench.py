"""Benchmark of the declarations import (``millejours declarations import``).

Usage::

    .venv/bin/python bench/outreach_import_bench.py --rows 100000 [--db-url URL]

With no ``--db-url`` a fresh SQLite file under /tmp is used. The database given is
FLUSHED first: use a dedicated one (``postgres://postgres@127.0.0.1:55432/mj_bench_outreach``).
It writes a synthetic CSV of N rows (5 % invalid, 2 % duplicated within the file), then
times, in the same run:

1. the dry run (read + validate + deduplicate, nothing written);
2. the real import (one transaction; models inserted with ``COPY`` on PostgreSQL —
   ``lib.fastinsert`` — and ``bulk_create`` elsewhere);
3. the re-import of the same file (everything is a duplicate, nothing written);
4. the equivalent raw SQL: the same rows inserted with ``executemany`` into the four
   tables (families, parents, pregnancies, contacts), without validation.

Prints a Markdown table. Synthetic data only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import setup_database  # noqa: E402

FIRST = [
    "Camille",
    "Léa",
    "Inès",
    "Chloé",
    "Manon",
    "Jade",
    "Louise",
    "Emma",
    "Sarah",
    "Zoé",
    "Anaïs",
    "Élodie",
]
LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
]


def letters(i: int) -> str:
    """A unique letters-only suffix (names are compared without digits)."""
    out = ""
    while True:
        i, r = divmod(i, 26)
        out = chr(97 + r) + out
        if i == 0:
            return out


def write_csv(path: Path, rows: int, insee: str, seed: int = 7) -> None:
    rng = random.Random(seed)
    today = dt.date.today()
    lines = [
        "nom;prenom;date_naissance;telephone;email;code_insee;ddr;date_declaration;primipare;source"
    ]
    previous = None
    for i in range(rows):
        if previous and rng.random() < 0.02:
            lines.append(previous)
            continue
        born = dt.date(1980, 1, 1) + dt.timedelta(days=rng.randint(0, 7000))
        ddr = today - dt.timedelta(days=rng.randint(10, 250))
        phone = f"06{rng.randint(10000000, 99999999)}"
        if rng.random() < 0.05:
            phone = "0561000000"  # a landline: rejected
        declared = min(today, ddr + dt.timedelta(days=30))
        line = (
            f"{rng.choice(LAST)}-{letters(i)};{rng.choice(FIRST)};{born:%d/%m/%Y};{phone};;{insee};{ddr:%d/%m/%Y};"
            f"{declared:%d/%m/%Y};{rng.choice(['oui', 'non'])};CPAM"
        )
        lines.append(line)
        previous = line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def raw_sql_insert(rows: int, commune_id: int) -> float:
    """The same four inserts with executemany (no validation, no deduplication)."""
    from django.db import connection, transaction

    today = dt.date.today()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        now = dt.datetime.now(dt.UTC)
        fam_rows = [
            (f"R-{secrets.token_hex(5)}", f"Foyer RAW{i}", commune_id, "", "actif", "fr", now, now)
            for i in range(rows)
        ]
        cur.executemany(
            "INSERT INTO pathway_family (reference, display_name, commune_id, address, status,"
            " preferred_language, created_at, updated_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            fam_rows,
        )
        cur.execute(
            "SELECT id FROM pathway_family WHERE display_name LIKE %s ORDER BY id", ["Foyer RAW%"]
        )
        fam_ids = [r[0] for r in cur.fetchall()]
        cur.executemany(
            "INSERT INTO pathway_parent (family_id, role, first_name, last_name, birth_date, nir, phone, email,"
            " identity_status) VALUES (%s, 'mere', 'Julie', %s, %s, '', '+33612345678', '', 'provisoire')",
            [(fid, f"RAW{i}", dt.date(1990, 1, 1)) for i, fid in enumerate(fam_ids)],
        )
        cur.executemany(
            "INSERT INTO pathway_pregnancy (family_id, lmp, declared_on, fetus_count, first_child, outcome,"
            " epnp_2_risk, created_at, updated_at, bmi_25_or_more, family_history_type2_diabetes,"
            " mother_immunocompromised, previous_gestational_diabetes_or_macrosomia)"
            " VALUES (%s, %s, %s, 1, %s, 'en_cours', %s, %s, %s, false, false, false, false)",
            [(fid, today - dt.timedelta(days=60), today, True, False, now, now) for fid in fam_ids],
        )
        cur.execute(
            "SELECT id, family_id FROM pathway_parent WHERE last_name LIKE %s ORDER BY id", ["RAW%"]
        )
        parents = cur.fetchall()
        cur.executemany(
            "INSERT INTO outreach_outreachcontact (family_id, parent_id, phone, email, first_child, source, row_hash,"
            " token, opt_out_channel, created_at, email_bounce_reason)"
            " VALUES (%s, %s, '+33612345678', '', %s, 'CPAM', '', %s, '', %s, '')",
            [(fid, pid, True, secrets.token_urlsafe(9), now) for pid, fid in parents],
        )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--db-url", default="")
    args = parser.parse_args()
    setup_database(args.db_url, name="mj_bench_outreach")
    from django.db import connection

    from millejours.outreach.importer import run_import
    from millejours.territory.models import Commune

    commune = Commune.objects.create(
        insee_code="31113", name="Castanet-Tolosan", postcodes=["31320"]
    )
    path = Path(f"/tmp/mj_bench_declarations_{os.getpid()}.csv")
    write_csv(path, args.rows, commune.insee_code)
    results = []

    def timed(label, fn):
        started = time.perf_counter()
        report = fn()
        elapsed = time.perf_counter() - started
        results.append((label, elapsed, report))
        return report

    dry = timed(
        "Simulation (--dry-run) : lecture + validation + dédoublonnage",
        lambda: run_import(path, dry_run=True),
    )
    real = timed(
        "Import réel (run_import : une transaction ; COPY sur PostgreSQL, bulk_create sinon)",
        lambda: run_import(path),
    )
    again = timed("Réimport du même fichier (tout en doublon)", lambda: run_import(path))
    raw = raw_sql_insert(real.created, commune.pk)

    print(f"\n## Import de déclarations — {args.rows} lignes, {connection.vendor}\n")
    print("| Étape | Durée (s) | Lignes/s | créées | mises à jour | doublons | rejetées |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, elapsed, report in results:
        print(
            f"| {label} | {elapsed:.1f} | {args.rows / elapsed:,.0f} | {report.created} | {report.updated} | "
            f"{report.duplicates} | {len(report.rejected)} |"
        )
    print(
        f"| SQL brut équivalent (executemany, 4 tables, sans validation) | {raw:.1f} | "
        f"{real.created / raw:,.0f} | {real.created} | – | – | – |"
    )
    assert again.created == 0 and again.updated == 0, "le réimport doit être sans effet"
    assert dry.as_contract() == {**real.as_contract()}, (
        "la simulation doit annoncer le résultat réel"
    )
    path.unlink()


if __name__ == "__main__":
    main()
