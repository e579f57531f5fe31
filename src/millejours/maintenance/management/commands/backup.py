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

from django.core.management.base import BaseCommand

from millejours.lib.cli import Erreur, french_parser
from millejours.maintenance.backup import create_backup
from millejours.maintenance.errors import MaintenanceError


class Command(BaseCommand):
    help = "Sauvegarde chiffrée de la base de données et des fichiers."

    def create_parser(self, prog_name, subcommand, **kwargs):
        return french_parser(super().create_parser(prog_name, subcommand, **kwargs))

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            required=True,
            metavar="FICHIER",
            help="fichier de sauvegarde à écrire",
        )

    def handle(self, *args, **options):
        try:
            manifest = create_backup(Path(options["output"]))
        except (MaintenanceError, OSError) as exc:
            raise Erreur(f"sauvegarde impossible : {exc}") from exc
        self.stdout.write(
            f"Sauvegarde écrite : {options['output']} ({len(manifest['row_counts'])} table(s), "
            f"{len(manifest['files'])} fichier(s))."
        )
