"""``millejours rgpd anonymise``: anonymise families N years after the end of their pathway.

Contract::

    millejours rgpd anonymise [--years N] [--dry-run]

- end of the pathway: 2nd birthday of the family's last child (without a child: end of
  the last pregnancy + 2 years); ``--years`` defaults to ``MILLEJOURS_RETENTION_YEARS``;
- ``--dry-run`` lists the file numbers without changing anything;
- output: « N dossier(s) anonymisé(s) » (or « à anonymiser ») then the file numbers;
  exit 0; invalid arguments: French message, exit 2.
"""

from __future__ import annotations

from millejours.lib.cli import Erreur, FrenchCommand, french_subparsers
from millejours.privacy.rgpd import anonymise_due


class Command(FrenchCommand):
    help = "Droits RGPD : anonymisation en fin de durée de conservation."

    def add_arguments(self, parser):
        sub = french_subparsers(parser)
        anonymise = sub.add_parser(
            "anonymise", help="anonymiser les dossiers arrivés en fin de conservation"
        )
        anonymise.add_argument(
            "--years", type=int, default=None, help="années après la fin du parcours"
        )
        anonymise.add_argument("--dry-run", action="store_true", help="lister sans rien modifier")

    def handle(self, *args, **options):
        if options["action"] == "anonymise":
            years = options["years"]
            if years is not None and years < 0:
                raise Erreur("--years doit être un nombre d'années positif ou nul.")
            ids = anonymise_due(years=years, dry_run=options["dry_run"])
            verb = "à anonymiser" if options["dry_run"] else "anonymisé(s)"
            self.stdout.write(f"{len(ids)} dossier(s) {verb}")
            if ids:
                self.stdout.write("Dossiers n° " + ", ".join(str(i) for i in ids))
