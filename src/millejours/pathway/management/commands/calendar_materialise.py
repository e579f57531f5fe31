"""``millejours calendar_materialise (--all | --pregnancy ID …)``: recompute stored calendars.

Run it after a change of the rule files (``pathway/calendar/rules/*.yaml``): milestones
are created, updated or marked non applicable; what was marked done is kept.
"""

from __future__ import annotations

from millejours.lib.cli import Erreur, FrenchCommand
from millejours.pathway.calendar import materialise, update_statistics
from millejours.pathway.models import Pregnancy


class Command(FrenchCommand):
    help = "Recalcule et enregistre les étapes du calendrier des grossesses (après un changement de règles)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="toutes les grossesses")
        parser.add_argument(
            "--pregnancy",
            type=int,
            action="append",
            default=[],
            metavar="ID",
            help="une grossesse (répétable)",
        )

    def handle(self, *args, **options):
        if options["all"] == bool(options["pregnancy"]):
            raise Erreur("Indiquez --all ou au moins une --pregnancy ID (pas les deux).")
        qs = (
            Pregnancy.objects.all()
            if options["all"]
            else Pregnancy.objects.filter(pk__in=options["pregnancy"])
        )
        r = materialise(qs)
        if options["all"]:
            update_statistics()
        self.stdout.write(
            f"{r.pregnancies} grossesse(s) : {r.created} étape(s) créée(s), {r.updated} modifiée(s), "
            f"{r.obsoleted} devenue(s) non applicable(s), {r.unchanged} inchangée(s)."
        )
