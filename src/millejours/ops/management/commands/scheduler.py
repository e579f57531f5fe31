"""``millejours scheduler [--once] [--interval SECONDS]``: runs the periodic jobs.

One long-running process (a systemd unit in production, see ``docs/deploiement.md``).
Several may run at once: a job runs once per time slot whatever their number.
"""

from __future__ import annotations

from millejours.lib.cli import Erreur, FrenchCommand, add_once_option
from millejours.ops.scheduler import Scheduler


class Command(FrenchCommand):
    help = "Planificateur : exécute les tâches périodiques (voir « jobs list »)."

    def add_arguments(self, parser):
        add_once_option(parser)
        parser.add_argument(
            "--interval",
            type=float,
            default=30.0,
            help="secondes entre deux passes (30 par défaut)",
        )

    def handle(self, *args, **options):
        if options["interval"] <= 0:
            raise Erreur("--interval doit être un nombre de secondes positif.")
        if not options["once"]:
            self.stderr.write(
                f"Planificateur démarré (passe toutes les {options['interval']:g} s)."
            )
        Scheduler(interval=options["interval"]).run_forever(once=options["once"])
