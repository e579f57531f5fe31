"""``millejours calendar_refresh [--today DATE]``: nightly refresh of milestone states."""

from __future__ import annotations

import datetime as dt

from millejours.lib.cli import Erreur, FrenchCommand
from millejours.pathway.calendar import refresh_states, update_statistics


class Command(FrenchCommand):
    help = "Met à jour l'état des étapes selon la date du jour (à venir, à faire, en retard)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            metavar="DATE",
            help="date de référence AAAA-MM-JJ (par défaut : aujourd'hui)",
        )

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise Erreur(
                    f"Date invalide : « {options['today']} » (attendu AAAA-MM-JJ)."
                ) from None
        n = refresh_states(today)
        update_statistics()
        self.stdout.write(f"{n} étape(s) mise(s) à jour.")
