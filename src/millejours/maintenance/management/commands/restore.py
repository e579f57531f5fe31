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

from millejours.lib.cli import FrenchCommand
from millejours.maintenance.backup import manifest_summary, restore_backup
from millejours.maintenance.errors import command_errors


class Command(FrenchCommand):
    help = "Restauration d'une sauvegarde dans une base et un dossier de données vides."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", metavar="FICHIER", help="sauvegarde écrite par « millejours backup »"
        )

    def handle(self, *args, **options):
        with command_errors("restauration"):
            manifest = restore_backup(Path(options["file"]))
        created = manifest["created_at"][:19].replace("T", " ")
        self.stdout.write(f"Sauvegarde du {created} restaurée : {manifest_summary(manifest)}.")
