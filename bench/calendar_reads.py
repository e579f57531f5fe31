"""The reads of ``calendar_bench.py``: a professional's worklist and one family page's data,
each next to the raw SQL of the same statements (split out to keep each file short)."""

from __future__ import annotations

import datetime as dt

from benchlib import timed


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def _tables() -> tuple[str, str, str, str]:
    """The tables of milestones, families, communes and children (for the raw SQL)."""
    from millejours.pathway.models import Child, Family, Milestone
    from millejours.territory.models import Commune

    return (
        Milestone._meta.db_table,
        Family._meta.db_table,
        Commune._meta.db_table,
        Child._meta.db_table,
    )


def worklist_rows(pro: object, today: dt.date, runs: int, rows: list, vendor: str) -> None:
    """The worklist of ``pro`` (every bucket), each next to the raw SQL of its 4 statements."""
    from django.db import connection

    from millejours.pathway.models import CareTeamMember
    from millejours.pathway.worklist import BUCKETS, week_bounds, worklist

    table, fam_t, com_t, child_t = _tables()
    followed = CareTeamMember.objects.filter(user=pro, removed_at__isnull=True).count()
    monday, sunday = week_bounds(today)
    cm = CareTeamMember._meta.db_table
    bucket_sql = {
        "late": ("m.window_end < %s", [today]),
        "due_this_week": ("m.window_end >= %s AND m.due <= %s", [today, sunday]),
        "upcoming": ("m.window_end >= %s AND m.due > %s", [today, sunday]),
    }
    for bucket in BUCKETS:
        orm = timed(lambda bucket=bucket: worklist(pro, bucket=bucket, today=today), runs)
        cond, params = bucket_sql.get(bucket, ("TRUE", []))

        def raw(cond=cond, params=params):
            # Same strategy as the selector: followed families, active ones, count, page.
            with connection.cursor() as cur:
                cur.execute(
                    f"SELECT family_id FROM {cm} WHERE user_id = %s AND removed_at IS NULL",
                    [pro.pk],
                )
                ids = [r[0] for r in cur.fetchall()]
                # As the selector: the id lists travel as one array parameter on PostgreSQL.
                if vendor == "postgresql":
                    ph, id_params = "= ANY(%s::bigint[])", lambda v: [list(v)]
                else:
                    ph, id_params = None, lambda v: list(v)
                ph_ids = ph or "IN (" + ", ".join(["%s"] * len(ids)) + ")"
                cur.execute(
                    f"SELECT id FROM {fam_t} WHERE id {ph_ids} AND status = 'actif'", id_params(ids)
                )
                active = [r[0] for r in cur.fetchall()]
                ph_active = ph or "IN (" + ", ".join(["%s"] * len(active)) + ")"
                where = (
                    f" FROM {table} m WHERE m.family_id {ph_active}"
                    f" AND m.state IN ('a_venir', 'a_faire', 'en_retard') AND {cond}"
                )
                cur.execute("SELECT COUNT(*)" + where, [*id_params(active), *params])
                cur.fetchone()
                # Page: the 25 ids chosen on the covering index, then those rows by primary key.
                cur.execute(
                    f"SELECT m.*, f.*, co.*, ch.* FROM {table} m INNER JOIN {fam_t} f ON f.id = m.family_id"
                    f" LEFT JOIN {com_t} co ON co.id = f.commune_id LEFT JOIN {child_t} ch ON ch.id = m.child_id"
                    f" WHERE m.id IN (SELECT m.id"
                    + where
                    + " ORDER BY m.due, m.id LIMIT 25) ORDER BY m.due, m.id",
                    [*id_params(active), *params],
                )
                cur.fetchall()

        total = worklist(pro, bucket=bucket, today=today).total
        rows.append(
            (
                f"Worklist `{bucket}` of {pro.email.split('@')[0]} ({followed} families, {total} rows), ORM",
                f"p50 {pct(orm, 50):.1f} ms",
                f"**p95 {pct(orm, 95):.1f} ms**",
            )
        )
        if bucket not in bucket_sql:  # the triage buckets (issue 13) have no raw twin
            continue
        rawt = timed(raw, runs)
        rows.append(
            (
                "… raw SQL (same 4 statements)",
                f"p50 {pct(rawt, 50):.1f} ms",
                f"p95 {pct(rawt, 95):.1f} ms",
            )
        )


def family_rows(fam_pk: int, runs: int, rows: list) -> None:
    """One family page's data through the ORM, next to the same rows read raw."""
    from django.db import connection

    from millejours.pathway.models import Family, Milestone, Parent, Pregnancy

    table, fam_t, com_t, child_t = _tables()

    def family_orm():
        f = Family.objects.select_related("commune", "referent").get(pk=fam_pk)
        list(Parent.objects.filter(family=f))
        list(Pregnancy.objects.filter(family=f).prefetch_related("children"))
        list(Milestone.objects.filter(family=f).select_related("child").order_by("due", "code"))

    def family_raw():
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT f.*, c.* FROM {fam_t} f LEFT JOIN {com_t} c ON c.id = f.commune_id WHERE f.id = %s",
                [fam_pk],
            )
            cur.fetchall()
            cur.execute(f"SELECT * FROM {Parent._meta.db_table} WHERE family_id = %s", [fam_pk])
            cur.fetchall()
            cur.execute(f"SELECT * FROM {Pregnancy._meta.db_table} WHERE family_id = %s", [fam_pk])
            cur.fetchall()
            cur.execute(f"SELECT * FROM {child_t} WHERE family_id = %s", [fam_pk])
            cur.fetchall()
            cur.execute(
                f"SELECT m.*, ch.first_name FROM {table} m LEFT JOIN {child_t} ch ON ch.id = m.child_id"
                f" WHERE m.family_id = %s ORDER BY m.due, m.code",
                [fam_pk],
            )
            cur.fetchall()

    orm = timed(family_orm, runs)
    rawt = timed(family_raw, runs)
    rows.append(
        (
            "Family page data (family, parents, pregnancies, children, milestones), ORM",
            f"p50 {pct(orm, 50):.1f} ms",
            f"p95 {pct(orm, 95):.1f} ms",
        )
    )
    rows.append(("… raw SQL", f"p50 {pct(rawt, 50):.1f} ms", f"p95 {pct(rawt, 95):.1f} ms"))
