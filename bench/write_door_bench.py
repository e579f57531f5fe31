"""Benchmark of the write side of the one door (``pathway.selectors.require_professional_access``).

Every write service that changes a family's record now checks the family itself (one
``EXISTS`` query, docs/trust.md § 9). This measures that query where it matters: a
professional following ``--followed`` families among ``--n``, some families having
withdrawn their consent to sharing, a few break-the-glass grants.

Usage::

    .venv/bin/python bench/write_door_bench.py --n 10000 --followed 500 [--db-url URL]

With no ``--db-url`` a fresh SQLite file under /tmp is used. The database given is
FLUSHED first: use a dedicated one (e.g. ``postgres://postgres@127.0.0.1:55432/mj_bench_door``).

Times, per call (p50 / p95 over ``--runs``): the check on a followed family (allowed), on
a family outside the care team (refused), and the same question asked in hand-written SQL
(care team and consent, or an open break-the-glass grant). Prints a Markdown table.
Synthetic data only.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import sage_femme, setup_database, timed  # noqa: E402

RAW_SQL = """
SELECT 1 FROM pathway_family f
WHERE f.id = %(family)s AND (
  (EXISTS (SELECT 1 FROM pathway_careteammember m
           WHERE m.family_id = f.id AND m.user_id = %(user)s AND m.removed_at IS NULL)
   AND (NOT EXISTS (SELECT 1 FROM trust_consent c
                    WHERE c.family_id = f.id AND c.scope = 'partage_equipe'
                      AND c.withdrawn_at IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM trust_consent c2
                                      WHERE c2.family_id = f.id AND c2.scope = 'partage_equipe'
                                        AND c2.withdrawn_at IS NULL))
        OR f.referent_id = %(user)s
        OR EXISTS (SELECT 1 FROM pathway_careteammember r
                   WHERE r.family_id = f.id AND r.user_id = %(user)s AND r.removed_at IS NULL
                     AND r.role = 'referent')))
  OR EXISTS (SELECT 1 FROM trust_breakglassaccess b
             WHERE b.family_id = f.id AND b.user_id = %(user)s AND b.expires_at > %(now)s))
LIMIT 1
"""


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--followed", type=int, default=500)
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--db-url", default="")
    args = parser.parse_args()
    setup_database(args.db_url, name="bench_door")

    from django.core.exceptions import PermissionDenied
    from django.db import connection
    from django.utils import timezone

    from millejours.audit.models import BreakGlassAccess, Consent, ConsentScope
    from millejours.pathway.models import CareTeamMember, Family
    from millejours.pathway.models.families import new_reference
    from millejours.pathway.selectors import require_professional_access
    from millejours.territory.models import Commune

    rng = random.Random(1000)
    commune = Commune.objects.create(insee_code="31113", name="Castanet-Tolosan", departement="31")
    user = sage_femme("bench.door@exemple.test")
    colleague = sage_femme("bench.door.2@exemple.test", "Collègue")
    Family.objects.bulk_create(
        Family(display_name=f"Foyer Banc {i}", commune=commune, reference=new_reference())
        for i in range(args.n)
    )
    ids = list(Family.objects.values_list("pk", flat=True))
    followed = rng.sample(ids, args.followed)
    others = sorted(set(ids) - set(followed))
    CareTeamMember.objects.bulk_create(
        [CareTeamMember(family_id=pk, user=user) for pk in followed]
        + [CareTeamMember(family_id=pk, user=colleague) for pk in others]
    )
    now = timezone.now()
    withdrawn = followed[: max(1, len(followed) // 20)]  # 5 % withdrew sharing
    Consent.objects.bulk_create(
        Consent(family_id=pk, scope=ConsentScope.PARTAGE_EQUIPE, given_at=now, withdrawn_at=now)
        for pk in withdrawn
    )
    BreakGlassAccess.objects.bulk_create(
        BreakGlassAccess(
            family_id=pk,
            user=user,
            reason="Banc d'essai",
            started_at=now,
            expires_at=now + timedelta(hours=1),
        )
        for pk in others[:20]
    )
    allowed = [pk for pk in followed if pk not in set(withdrawn)]

    def door_allowed() -> None:
        require_professional_access(user, rng.choice(allowed))

    def door_refused() -> None:
        try:
            require_professional_access(user, rng.choice(others[20:]))
        except PermissionDenied:
            return
        raise AssertionError("refused family let through")

    def raw() -> None:
        with connection.cursor() as cursor:
            cursor.execute(RAW_SQL, {"family": rng.choice(allowed), "user": user.pk, "now": now})
            assert cursor.fetchone() is not None

    rows = []
    for label, fn in (
        ("`require_professional_access`, famille suivie (accepté)", door_allowed),
        ("`require_professional_access`, hors équipe (refusé)", door_refused),
        ("SQL écrit à la main, famille suivie", raw),
    ):
        fn()  # warm-up
        times = timed(fn, args.runs)
        rows.append((label, _p(times, 50), _p(times, 95)))
    print(
        f"\n{connection.vendor}, {args.n} familles, {args.followed} suivies, {args.runs} appels\n"
    )
    print("| appel | p50 (ms) | p95 (ms) |\n|---|---|---|")
    for label, p50, p95 in rows:
        print(f"| {label} | {p50:.3f} | {p95:.3f} |")


if __name__ == "__main__":
    main()
