"""``millejours report list|build``: the report templates, built in one command.

- ``millejours report list [--format json]`` → ``{"reports": [{"name", "title"}]}``;
- ``millejours report build NAME --year YYYY --format pdf|docx|xlsx|json -o FILE``
  (JSON: ``{"report", "year", "indicators": [{"code", "label", "value", …}]}``, a suppressed
  value is ``"< 5"``; without ``-o`` the JSON goes to stdout).

Unknown name, bad year or bad format: a French message and exit code 2, no file written.
"""

from __future__ import annotations

from pathlib import Path

from millejours.indicators import render, reports
from millejours.lib.cli import Erreur, FrenchCommand, add_format_option, french_subparsers


class Command(FrenchCommand):
    help = "Rapports (ACI, ARS, fiche « Petits pas grands pas ») : lister, construire en PDF, DOCX, XLSX ou JSON."

    def add_arguments(self, parser):
        sub = french_subparsers(parser, metavar="{list,build}")
        p_list = sub.add_parser("list", help="Lister les modèles de rapport.")
        add_format_option(p_list)
        p_build = sub.add_parser("build", help="Construire un rapport.")
        p_build.add_argument("name", help="nom du rapport (voir « report list »)")
        p_build.add_argument("--year", required=True, help="année (AAAA)")
        p_build.add_argument("--format", choices=["pdf", "docx", "xlsx", "json"], required=True)
        p_build.add_argument("-o", "--output", default="", help="fichier de sortie")

    def handle(self, *args, **options):
        if options["action"] == "list":
            items = [{"name": t.name, "title": t.title} for t in reports.templates().values()]
            self.write_rows(
                options["format"], "reports", items, lambda item: f"{item['name']}\t{item['title']}"
            )
            return
        self._build(options)

    def _build(self, options):
        fmt, output = options["format"], options["output"]
        try:
            report = reports.build(options["name"], options["year"])
        except reports.ReportError as exc:
            raise Erreur(str(exc)) from None
        if not output and fmt != "json":
            raise Erreur(
                "Indiquez le fichier de sortie avec -o FICHIER (obligatoire sauf en JSON)."
            )
        content = render.render(report, fmt)
        if not output:
            self.stdout.write(content.decode())
            return
        target = Path(output)
        if not target.parent.is_dir():
            raise Erreur(f"Dossier introuvable : « {target.parent} ».")
        partial = target.with_name(target.name + ".partiel")
        partial.write_bytes(content)
        partial.replace(target)
        self.stderr.write(f"Rapport écrit : {target} ({len(content)} octets).")
