"""``millejours orientations remind``: remind partners of unanswered orientations."""

from __future__ import annotations

from millejours.lib.cli import FrenchCommand, french_subparsers
from millejours.orientations.services import orientation_send_reminders


class Command(FrenchCommand):
    help = "Orientations : relances des partenaires."

    def add_arguments(self, parser):
        sub = french_subparsers(parser, title="actions")
        sub.add_parser("remind", help="Relance les partenaires sans réponse depuis N jours.")

    def handle(self, *args, **options):
        count = orientation_send_reminders()
        self.stdout.write(f"{count} relance(s) envoyée(s).")
