"""``millejours declarations import FILE [--dry-run] [--format json]``.

Prints ``{"created": n, "updated": n, "duplicates": n, "rejected": [{"row": i, "errors":
["…"]}]}`` (rows count data rows from 1). Exit 0 when the file was read, even with rejected
rows; exit 2 with a French message when the file itself cannot be read.
"""

from __future__ import annotations

from millejours.lib.cli import Erreur, FrenchCommand, add_format_option, french_subparsers
from millejours.outreach.cli import ProgressBar
from millejours.outreach.importer import FileUnreadable, run_import


class Command(FrenchCommand):
    help = "Déclarations de grossesse et listes de contacts (CPAM, CAF, PMI)."

    def add_arguments(self, parser):
        sub = french_subparsers(parser)
        imp = sub.add_parser("import", help="Importer un fichier CSV ou XLSX de déclarations.")
        imp.add_argument(
            "file", metavar="FICHIER", help="fichier CSV (UTF-8 ou Windows-1252, ; ou ,) ou XLSX"
        )
        imp.add_argument("--dry-run", action="store_true", help="analyser sans rien enregistrer")
        add_format_option(imp, "json", "texte")

    def handle(self, *args, **options):
        if options["action"] == "import":
            return self.import_file(options)
        raise Erreur("Action inconnue.")

    def import_file(self, options):
        try:
            report = run_import(
                options["file"], dry_run=options["dry_run"], progress=ProgressBar(self.stderr._out)
            )
        except FileUnreadable as exc:
            raise Erreur(f"Fichier illisible : {exc}") from None
        result = report.as_contract()
        if options["format"] == "json":
            self.write_json(result)
            return
        prefix = "Simulation (rien n'est enregistré) : " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}{report.created} créé(s), {report.updated} mis à jour, "
            f"{report.duplicates} doublon(s), {len(report.rejected)} rejeté(s)."
        )
        for item in report.rejected:
            self.stdout.write(f"  ligne {item['row']} : " + " ; ".join(item["errors"]))
