"""``millejours retention run [--dry-run] [--format text|json]``: retention purges.

Contract::

    millejours retention run [--dry-run] [--format text|json]

- the periods come from ``maintenance/data/retention.yaml`` (or MILLEJOURS_RETENTION_FILE);
- ``--format json`` prints ``{"purged": {"kind": count}}`` with every kind of the file
  (family_records, declaration_files, epds_contact_requests, workshop_registrants,
  login_attempts, outbox_bodies); ``--dry-run`` counts and changes nothing;
- exit 0; unreadable policy file or invalid arguments: French message, exit 2.
Run nightly by the scheduler (``call_command("retention", "run")``).
"""

from __future__ import annotations

from millejours.lib.cli import FrenchCommand, add_format_option, french_subparsers
from millejours.maintenance.errors import command_errors
from millejours.maintenance.retention import load_policy, purge


class Command(FrenchCommand):
    help = "Durées de conservation : purge des données arrivées à échéance."

    def add_arguments(self, parser):
        sub = french_subparsers(parser)
        run = sub.add_parser("run", help="appliquer les durées de conservation")
        run.add_argument("--dry-run", action="store_true", help="compter sans rien modifier")
        add_format_option(run)

    def handle(self, *args, **options):
        with command_errors():
            policy = load_policy()
            purged = purge(dry_run=options["dry_run"], policy=policy)
        if options["format"] == "json":
            self.write_json({"purged": purged})
            return
        verb = "à purger" if options["dry_run"] else "purgé(s)"
        for kind, count in purged.items():
            self.stdout.write(f"{policy[kind].label} : {count} {verb}")
