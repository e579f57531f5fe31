"""``millejours restore FILE``: restore a backup into an empty database and data directory.

Contract::

    millejours restore FILE

- key: ``MILLEJOURS_BACKUP_KEY`` (the one used by ``millejours backup``);
- the database must hold no account, family nor access-log entry (a freshly created or
  freshly migrated database), and no file of the archive may already exist with another
  content (identical files are kept);
- output: « Sauvegarde du DATE restaurée : N table(s), M fichier(s). », exit 0;
- wrong key, altered archive, non-empty database or data directory: French message,
  exit 2, nothing written.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from millejours.lib.cli import Erreur, french_parser
from millejours.maintenance.backup import restore_backup
from millejours.maintenance.errors import MaintenanceError


class Command(BaseCommand):
    help = "Restauration d'une sauvegarde dans une base et un dossier de données vides."

    def create_parser(self, prog_name, subcommand, **kwargs):
        return french_parser(super().create_parser(prog_name, subcommand, **kwargs))

    def add_arguments(self, parser):
        parser.add_argument(
            "file", metavar="FICHIER", help="sauvegarde écrite par « millejours backup »"
        )

    def handle(self, *args, **options):
        try:
            manifest = restore_backup(Path(options["file"]))
        except (MaintenanceError, OSError) as exc:
            raise Erreur(f"restauration impossible : {exc}") from exc
        self.stdout.write(
            f"Sauvegarde du {manifest['created_at'][:19].replace('T', ' ')} restaurée : "
            f"{len(manifest['row_counts'])} table(s), {len(manifest['files'])} fichier(s)."
        )
