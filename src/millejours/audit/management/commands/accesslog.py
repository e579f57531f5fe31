"""``millejours accesslog verify``: check the access-log hash chain.

Contract::

    millejours accesslog verify [--chunk-size N]

- exit 0 and « Journal des accès intact : N entrée(s) vérifiée(s). » on stdout when the
  chain is intact;
- exit 1 and « Journal des accès altéré : première entrée en défaut n° ID — raison » on
  stderr when a row was edited, deleted or inserted (ID names the first broken entry);
- invalid arguments: French message, exit 2.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from millejours.audit.chain import verify_chain
from millejours.audit.cli import FrenchParser, french_subparsers


class Command(BaseCommand):
    help = "Journal des accès : vérification de la chaîne d'empreintes."

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = FrenchParser  # same state, French errors
        return parser

    def add_arguments(self, parser):
        sub = french_subparsers(parser)
        verify = sub.add_parser("verify", help="vérifier que la chaîne est intacte")
        verify.add_argument("--chunk-size", type=int, default=5000, help="entrées lues par lot")

    def handle(self, *args, **options):
        if options["action"] == "verify":
            report = verify_chain(chunk_size=max(1, options["chunk_size"]))
            if report.ok:
                self.stdout.write(report.message)
                return
            self.stderr.write(report.message)
            sys.exit(1)
