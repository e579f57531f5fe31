"""``load_demo``: territory, accounts, families, then each domain's hook."""

from __future__ import annotations

import importlib
import random
import time
from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone

from millejours.audit.services import record_event
from millejours.pathway.models import Family
from millejours.territory.services import demo_territory_load

from .accounts import accounts_load, colleagues_load, organisations_load
from .context import CHUNK_FAMILIES, DEFAULT_FAMILIES, DEFAULT_SEED, DEMO_APPS, DemoContext
from .family_records import families_create, materialise_and_mark_done
from .family_specs import CASELOAD_BLOCK, family_specs, weighted_communes

# --- Domain hooks ----------------------------------------------------------------------------


def run_hooks(
    ctx: DemoContext, apps: list[str] | None = None, *, on_skip: Callable[[str], None] | None = None
) -> list[str]:
    """Call ``millejours.<app>.demo.load(ctx)`` for each app that has one; return those run."""

    done = []
    for app in DEMO_APPS if apps is None else apps:
        module_name = f"millejours.{app}.demo"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name in (module_name, f"millejours.{app}"):
                if on_skip:
                    on_skip(app)
                continue
            raise
        with transaction.atomic():
            module.load(ctx)
        done.append(app)
    return done


# --- Entry point -----------------------------------------------------------------------------


def load_demo(
    *,
    families: int = DEFAULT_FAMILIES,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    hooks: bool = True,
) -> DemoContext:

    today = today or timezone.localdate()
    started = time.monotonic()
    territory, communes = demo_territory_load()
    ctx = DemoContext(today=today, rng=random.Random(seed), territory=territory)
    ctx.log.append(f"Territoire « {territory.name} » : {territory.communes.count()} communes.")
    with transaction.atomic():
        ctx.organisations = organisations_load(territory)
        ctx.users = accounts_load(ctx.organisations)
        codes, weights = weighted_communes(territory)
    specs = family_specs(families, seed=seed, today=today, codes=codes, weights=weights)
    with transaction.atomic():
        team_keys = {key for spec in specs for key in spec.team}
        colleagues = colleagues_load(team_keys, ctx.organisations, ctx.users)
        ctx.users.update(colleagues)
    if colleagues:
        ctx.log.append(
            f"{len(colleagues)} collègues générés pour les familles au-delà des "
            f"{CASELOAD_BLOCK} premières (sagefemme1@…, pmi1@… ; même mot de passe)."
        )
    references = [s.reference for s in specs]
    existing = set(
        Family.objects.filter(reference__in=references).values_list("reference", flat=True)
    )
    missing = [s for s in specs if s.reference not in existing]
    rng = random.Random(seed + 1)
    # In chunks, one transaction each: bounded memory at region scale (165 000 families),
    # and an interrupted load resumes where it stopped (existing references are skipped).
    for start in range(0, len(missing), CHUNK_FAMILIES):
        with transaction.atomic():
            pregnancy_ids = families_create(
                missing[start : start + CHUNK_FAMILIES], ctx.users, today
            )
            materialise_and_mark_done(
                pregnancy_ids, users=ctx.users, today=today, rng=rng, log=ctx.log
            )
    ctx.families = list(
        Family.objects.filter(reference__in=references).select_related("commune").order_by("pk")
    )
    with transaction.atomic():
        if missing:
            record_event(
                actor=None,
                action="demo.load",
                details={"families_created": len(missing), "seed": seed},
            )
    ctx.log.append(
        f"Familles de démonstration : {len(missing)} créées, {len(existing)} déjà présentes."
    )
    if hooks:
        run_hooks(ctx)
    ctx.log.append(f"Durée : {time.monotonic() - started:.1f} s.")
    return ctx
