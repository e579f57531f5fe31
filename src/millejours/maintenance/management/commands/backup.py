"""``millejours backup -o FILE``: encrypted snapshot of the database and the data files.

Contract::

    millejours backup -o FILE

- key: ``MILLEJOURS_BACKUP_KEY`` (at least 16 characters; keep it apart from the backups);
- SQLite: online backup API; PostgreSQL: ``pg_dump --format=custom`` (server's version);
- files: MILLEJOURS_DATA_DIR (uploads, outbox file, anchors…) and MEDIA_ROOT;
- output: « Sauvegarde écrite : FILE (N table(s), M fichier(s)) », exit 0;
- missing key, unwritable destination, pg_dump missing: French message, exit 2 (no file).
"""

from __future__ import annotations

from pathlib import Path

from millejours.lib.cli import FrenchCommand
from millejours.maintenance.backup import create_backup, manifest_summary
from millejours.maintenance.errors import command_errors


class Command(FrenchCommand):
    help = "Sauvegarde chiffrée de la base de données et des fichiers."

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            required=True,
            metavar="FICHIER",
            help="fichier de sauvegarde à écrire",
        )

    def handle(self, *args, **options):
        with command_errors("sauvegarde"):
            manifest = create_backup(Path(options["output"]))
        self.stdout.write(
            f"Sauvegarde écrite : {options['output']} ({manifest_summary(manifest)})."
        )
