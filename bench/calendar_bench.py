"""Benchmark of the calendar engine, the worklist and the family page data.

Usage::

    .venv/bin/python bench/calendar_bench.py --n 10000 [--db-url URL] [--runs 50] [--keep]

With no ``--db-url`` a fresh SQLite file under /tmp is used. The database given is
FLUSHED first: use a dedicated one (e.g. ``postgres://postgres@127.0.0.1:55432/mj_bench``).
It generates N families (bulk), one professional following 500 of them (and the other
families spread over other professionals), then times, each next to the equivalent raw SQL:

1. materialisation of every pregnancy (milestones/s), then an idempotent re-run;
   raw SQL = the same computed rows inserted with ``executemany`` on a sample;
2. the worklist of the professional following 500 families (count + first page of each
   bucket; p50/p95 over ``--runs`` runs);
3. loading one family page's data (family, parents, pregnancies, children, milestones).

Prints a Markdown table. Synthetic data only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import setup_database  # noqa: E402
from calendar_reads import family_rows, worklist_rows  # noqa: E402


class Rows(list):
    """The table's rows; each gets the load average of the shared machine when added."""

    def append(self, row: tuple) -> None:
        super().append((*row, f"{os.getloadavg()[0]:.1f}"))


def generate(n: int, today: dt.date, rng: random.Random):
    from millejours.accounts.models import Role, User
    from millejours.pathway.models import CareTeamMember, Child, Family, Pregnancy, new_reference
    from millejours.territory.models import Commune

    communes = Commune.objects.bulk_create(
        [Commune(insee_code=f"31{i:03d}", name=f"Commune {i}", departement="31") for i in range(20)]
    )
    n_pros = max(1, n // 500)
    pros = User.objects.bulk_create(
        [
            User(
                email=f"pro{i}@bench.millejours.test",
                role=Role.PROFESSIONAL,
                password="!",
                first_name="Pro",
                last_name=str(i),
            )
            for i in range(n_pros)
        ]
    )
    families = Family.objects.bulk_create(
        [
            Family(
                reference=new_reference(),
                display_name=f"Foyer Bench {i}",
                commune=rng.choice(communes),
            )
            for i in range(n)
        ],
        batch_size=2000,
    )
    members = []
    for i, fam in enumerate(families):
        members.append(CareTeamMember(family=fam, user=pros[min(i // 500, n_pros - 1)]))
        if rng.random() < 0.3:  # a second professional in some teams
            members.append(
                CareTeamMember(family=fam, user=pros[rng.randrange(1, n_pros)])
                if n_pros > 1
                else None
            )
    seen = set()
    uniq = []
    for m in members:
        if m is not None and (m.family_id, m.user_id) not in seen:
            seen.add((m.family_id, m.user_id))
            uniq.append(m)
    CareTeamMember.objects.bulk_create(uniq, batch_size=5000)
    pregs = []
    for fam in families:
        lmp = today - dt.timedelta(days=rng.randint(20, 287 + 2 * 365))
        pregs.append(
            Pregnancy(
                family=fam, lmp=lmp, first_child=rng.random() < 0.45, epnp_2_risk=rng.random() < 0.1
            )
        )
    pregs = Pregnancy.objects.bulk_create(pregs, batch_size=2000)
    children = []
    for p in pregs:
        ga = rng.choice([rng.randint(259, 290)] * 9 + [rng.randint(220, 258)])
        birth = p.lmp + dt.timedelta(days=ga)
        if birth <= today:
            twins = 2 if rng.random() < 0.015 else 1
            for _ in range(twins):
                children.append(
                    Child(
                        family_id=p.family_id,
                        pregnancy=p,
                        birth_date=birth,
                        gestational_age_weeks=ga // 7,
                        gestational_age_days=ga % 7,
                    )
                )
    Child.objects.bulk_create(children, batch_size=5000)
    return pros[0], families, pregs


def _computed_rows(sample_ids: list[int], today: dt.date, now: dt.datetime) -> list[tuple]:
    """The rows ``materialise()`` inserts for these pregnancies when none is stored yet,
    computed by the store's own code (same reads, same engine), in its column order."""
    from millejours.pathway.calendar.store import (
        _EMPTY_COLUMNS,
        CHUNK,
        MaterialiseResult,
        _chunk_pregnancies,
        _ChunkWrites,
        _compare_pregnancy,
    )

    writes = _ChunkWrites()
    for i in range(0, len(sample_ids), CHUNK):
        for preg in _chunk_pregnancies(sample_ids[i : i + CHUNK]):
            _compare_pregnancy(preg, {}, {}, today, now, writes, MaterialiseResult())
    extra = (*_EMPTY_COLUMNS.values(), now)
    return [row + extra for row in writes.to_create]


def _sample_comparison(sample_ids: list[int], today: dt.date, rows: list) -> None:
    """ORM ``materialise()`` vs the same rows inserted raw, on a sample of pregnancies."""
    from django.db import connection, transaction
    from django.utils import timezone

    from millejours.pathway.calendar import materialise
    from millejours.pathway.calendar.store import _EMPTY_COLUMNS, _INSERT_COLUMNS
    from millejours.pathway.models import Milestone

    Milestone.objects.filter(pregnancy_id__in=sample_ids).delete()
    t = time.perf_counter()
    r_orm = materialise(sample_ids, today=today)
    orm_s = time.perf_counter() - t
    Milestone.objects.filter(pregnancy_id__in=sample_ids).delete()
    cols = [*_INSERT_COLUMNS, *_EMPTY_COLUMNS, "updated_at"]
    ph = ", ".join(["%s"] * len(cols))
    sql = f"INSERT INTO {Milestone._meta.db_table} ({', '.join(cols)}) VALUES ({ph})"
    t = time.perf_counter()
    batch = _computed_rows(sample_ids, today, timezone.now())
    with transaction.atomic(), connection.cursor() as cur:
        for i in range(0, len(batch), 5000):
            cur.executemany(sql, batch[i : i + 5000])
    raw_s = time.perf_counter() - t
    rows.append(
        (
            f"Materialise {len(sample_ids)} pregnancies: ORM materialise()",
            f"{r_orm.created} in {orm_s * 1000:.0f} ms",
            f"{r_orm.created / orm_s:,.0f} milestones/s",
        )
    )
    rows.append(
        (
            "… same rows: engine + raw executemany INSERT",
            f"{len(batch)} in {raw_s * 1000:.0f} ms",
            f"{len(batch) / raw_s:,.0f} milestones/s",
        )
    )


def _write_phase(args, today, rng, rows, vendor):
    from django.db import connection

    from millejours.pathway.calendar import materialise
    from millejours.pathway.models import Milestone, Pregnancy

    t0 = time.perf_counter()
    pro, families, pregs = generate(args.n, today, rng)
    gen_s = time.perf_counter() - t0
    print(f"# calendar bench — N = {args.n} families, {vendor}, today = {today}", file=sys.stderr)
    print(f"generated in {gen_s:.1f} s", file=sys.stderr)

    # 1. Materialisation (all pregnancies)
    t = time.perf_counter()
    res = materialise(Pregnancy.objects.all(), today=today)
    mat_s = time.perf_counter() - t
    rows.append(
        (
            "Materialise all pregnancies (ORM, bulk)",
            f"{res.created} milestones in {mat_s:.1f} s",
            f"**{res.created / mat_s:,.0f} milestones/s**",
        )
    )
    if not args.skip_rerun:
        t = time.perf_counter()
        again = materialise(Pregnancy.objects.all(), today=today)
        re_s = time.perf_counter() - t
        assert again.written == 0, again
        rows.append(
            (
                "Re-materialise (idempotent, nothing written)",
                f"{again.unchanged} checked in {re_s:.1f} s",
                f"{again.unchanged / re_s:,.0f} milestones/s",
            )
        )

    _sample_comparison([p.pk for p in pregs[: args.sample]], today, rows)

    # Realistic history: 90 % of the milestones whose window ended more than 2 weeks ago are done.
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {Milestone._meta.db_table} SET state = 'fait', done_on = due"
            f" WHERE window_end < %s AND state <> 'non_applicable' AND (id %% 10) <> 0",
            [today - dt.timedelta(days=14)],
        )
        n_done = cur.rowcount
    from millejours.pathway.calendar import update_statistics

    update_statistics()  # what the nightly task does
    print(f"{n_done} past milestones marked done", file=sys.stderr)

    return pro, families, pregs, gen_s


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, required=True, help="number of families")
    ap.add_argument(
        "--db-url", default="", help="dedicated database (flushed!); default: /tmp SQLite file"
    )
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument(
        "--sample", type=int, default=2000, help="pregnancies for the ORM-vs-raw insert comparison"
    )
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="reuse the database of a previous run (or a « demo load » one): the reads, and the"
        " ORM-vs-raw materialisation of --sample pregnancies in a rolled-back transaction",
    )
    ap.add_argument(
        "--user",
        action="append",
        default=[],
        help="with --reuse: worklist of this account (repeatable); default: a bench"
        " professional following 500 families (created if absent)",
    )
    ap.add_argument(
        "--skip-rerun", action="store_true", help="skip the idempotent re-materialisation (big N)"
    )
    return ap


def _bench_professional(families: list) -> object:
    """The bench professional following 500 families (created once on a reused database)."""
    from millejours.accounts.models import Role, User
    from millejours.pathway.models import CareTeamMember

    pro, created = User.objects.get_or_create(
        email="pro0@bench.millejours.test",
        defaults={"role": Role.PROFESSIONAL, "password": "!", "first_name": "Pro"},
    )
    if created:
        middle = len(families) // 2
        CareTeamMember.objects.bulk_create(
            [CareTeamMember(family_id=f.pk, user=pro) for f in families[middle : middle + 500]]
        )
    return pro


def _reuse_phase(args: argparse.Namespace, today: dt.date, rows: list) -> tuple[list, list, list]:
    from django.db import transaction

    from millejours.accounts.models import User
    from millejours.pathway.calendar import update_statistics
    from millejours.pathway.models import Family, Pregnancy

    update_statistics()
    families = list(Family.objects.order_by("pk").only("id"))
    pregs = list(Pregnancy.objects.order_by("pk").only("id"))
    pros = [User.objects.get(email=e) for e in args.user] or [_bench_professional(families)]
    if args.sample:
        print(f"load average {os.getloadavg()[0]:.1f} before materialising", file=sys.stderr)
        middle = len(pregs) // 2
        with transaction.atomic():  # measured, then rolled back: the data set stays as loaded
            _sample_comparison([p.pk for p in pregs[middle : middle + args.sample]], today, rows)
            transaction.set_rollback(True)
    return pros, families, pregs


def main() -> None:
    args = build_parser().parse_args()
    db_url = args.db_url
    if not db_url:
        path = Path(f"/tmp/mj_calendar_bench_{args.n}.sqlite3")
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        db_url = f"sqlite:///{path}"
    setup_database(db_url, reuse=args.reuse)

    from django.db import connection
    from django.utils import timezone

    from millejours.pathway.models import Milestone

    rng = random.Random(1000)
    today = timezone.localdate()
    vendor = connection.vendor
    rows = Rows()
    if args.reuse:
        pros, families, pregs = _reuse_phase(args, today, rows)
        gen_s = 0.0
    else:
        pro, families, pregs, gen_s = _write_phase(args, today, rng, rows, vendor)
        pros = [pro]
    t = time.perf_counter()
    sum(range(3_000_000))
    print(
        f"CPU calibration before the reads: {(time.perf_counter() - t) * 1000:.0f} ms; "
        f"load average {os.getloadavg()[0]:.1f}",
        file=sys.stderr,
    )
    for pro in pros:
        worklist_rows(pro, today, args.runs, rows, vendor)
    family_rows(families[len(families) // 2].pk, args.runs, rows)

    total = Milestone.objects.count()
    t = time.perf_counter()
    sum(range(3_000_000))
    calib = (time.perf_counter() - t) * 1000
    print(
        f"\nCPU calibration: sum(range(3e6)) took {calib:.0f} ms (≈ 40-60 ms on an idle core); "
        f"load average {os.getloadavg()[0]:.1f}",
        file=sys.stderr,
    )
    print(
        f"\n### N = {len(families):,} families — {vendor} ({total:,} milestones, {len(pregs):,} pregnancies; "
        f"generation {gen_s:.0f} s; {args.runs} runs; load average {os.getloadavg()[0]:.1f}, "
        f"CPU calibration loop {calib:.0f} ms vs ≈ 50 ms idle)\n"
    )
    print("| Measure | Result | Rate / p95 | Load |")
    print("|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
