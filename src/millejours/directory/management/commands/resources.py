"""``millejours resources …``: the directory from the command line.

- ``resources import FILE [--source NAME] [--format json]`` →
  ``{"created": n, "updated": n, "rejected": [{"row": i, "errors": ["…"]}]}``, plus
  ``"warnings": [{"row": i, "warnings": ["…"]}]`` when a row was imported with a warning
  (opening hours the parser cannot read are kept as text)
- ``resources search --near INSEE_CODE|LAT,LON [--radius-km R] [--theme CODE] [--format json]``
  → ``{"results": [{"id", "name", "distance_km", …}]}`` sorted by ``distance_km``
- ``resources export [--output FILE]``: data·inclusion JSON of the published services
- ``resources remind [--days N] [--dry-run]``: e-mail the structures whose entries were
  not checked for N days (setting ``MILLEJOURS_DIRECTORY_CHECK_DAYS``)

Unknown INSEE code, bad coordinates or an unreadable file: French message, exit code 2.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from millejours.directory.exports import export_data_inclusion
from millejours.directory.importers.reading import ImportFileError
from millejours.directory.reminders import send_check_reminders
from millejours.directory.selectors import SearchError, hit_to_dict, parse_near, search_services
from millejours.directory.services import resources_import
from millejours.directory.vocabulary import thematiques
from millejours.lib.cli import Erreur, FrenchCommand, add_format_option, french_subparsers


class Command(FrenchCommand):
    help = "Annuaire des ressources : import, recherche, export, relances de vérification."

    def add_arguments(self, parser):
        sub = french_subparsers(parser, title="actions")
        imp = sub.add_parser("import", help="Importe un fichier CSV, XLSX ou JSON data·inclusion.")
        imp.add_argument("file", metavar="FICHIER", help="Fichier .csv, .xlsx ou .json.")
        imp.add_argument(
            "--source", default="", help="Nom de la source (par défaut : le nom du fichier)."
        )
        add_format_option(imp)

        search = sub.add_parser(
            "search", help="Cherche les services autour d'une commune ou d'un point."
        )
        search.add_argument("--near", required=True, help="Code INSEE ou « latitude,longitude ».")
        search.add_argument(
            "--radius-km", type=float, default=10.0, help="Rayon en kilomètres (10 par défaut)."
        )
        search.add_argument("--theme", default="", help="Code de thématique.")
        search.add_argument("--limit", type=int, default=None, help="Nombre maximal de résultats.")
        add_format_option(search)

        export = sub.add_parser(
            "export", help="Exporte les services publiés au format data·inclusion."
        )
        export.add_argument(
            "--output", default="", help="Fichier de sortie (sortie standard par défaut)."
        )

        remind = sub.add_parser(
            "remind", help="Relance les structures dont les fiches ne sont plus vérifiées."
        )
        remind.add_argument(
            "--days", type=int, default=None, help="Ancienneté maximale de la vérification."
        )
        remind.add_argument("--dry-run", action="store_true", help="Compte sans envoyer.")

    def handle(self, *args, **options):
        getattr(self, f"do_{options['action']}")(options)

    # -- actions ---------------------------------------------------------------------------
    def do_import(self, options):
        path = Path(options["file"])
        if not path.is_file():
            raise Erreur(f"Fichier introuvable : {path}")
        try:
            report = resources_import(path=path, source=options["source"] or None)
        except ImportFileError as exc:
            raise Erreur(str(exc)) from exc
        if options["format"] == "json":
            self.write_json(report)
            return
        self.stdout.write(
            f"{report['created']} service(s) créé(s), {report['updated']} mis à jour, "
            f"{len(report['rejected'])} ligne(s) rejetée(s)."
        )
        for item in report["rejected"]:
            self.stdout.write(f"  ligne {item['row']} : " + " ; ".join(item["errors"]))
        for item in report.get("warnings", []):
            self.stdout.write(
                f"  ligne {item['row']} (avertissement) : " + " ; ".join(item["warnings"])
            )

    def do_search(self, options):
        try:
            centre = parse_near(options["near"])
            if options["radius_km"] <= 0:
                raise SearchError("Le rayon doit être positif.")
            if options["theme"]:
                if options["theme"] not in thematiques():
                    raise SearchError(f"Thématique inconnue : « {options['theme']} ».")
            hits = search_services(
                latitude=centre.latitude,
                longitude=centre.longitude,
                radius_km=options["radius_km"],
                theme=options["theme"] or None,
                limit=options["limit"],
            )
        except SearchError as exc:
            raise Erreur(str(exc)) from exc
        if options["format"] == "json":
            payload = {
                "near": {
                    "label": centre.label,
                    "latitude": centre.latitude,
                    "longitude": centre.longitude,
                },
                "radius_km": options["radius_km"],
                "results": [hit_to_dict(hit) for hit in hits],
            }
            self.write_json(payload)
            return
        self.stdout.write(
            f"{len(hits)} service(s) à moins de {options['radius_km']:g} km de {centre.label} :"
        )
        for hit in hits:
            self.stdout.write(
                f"  {hit.distance_km:6.2f} km  {hit.service.name} ({hit.service.structure.name})"
            )

    def do_export(self, options):
        warnings: list[str] = []
        try:
            data = json.dumps(
                export_data_inclusion(warnings=warnings), ensure_ascii=False, indent=2
            )
        except ValidationError as exc:
            raise Erreur(
                f"Export impossible : une fiche « {exc.title} » ne respecte pas le schéma data·inclusion "
                f"({exc.error_count()} erreur(s), champ(s) : {', '.join(str(e['loc'][0]) for e in exc.errors() if e['loc'])})."
            ) from None
        for warning in warnings:
            self.stderr.write(f"Avertissement : {warning}")
        if options["output"]:
            try:
                Path(options["output"]).write_text(data, encoding="utf-8")
            except OSError as exc:
                raise Erreur(f"Écriture impossible : {exc.strerror}") from exc
            self.stdout.write(f"Export écrit dans {options['output']}.")
        else:
            self.stdout.write(data)

    def do_remind(self, options):
        count = send_check_reminders(days=options["days"], dry_run=options["dry_run"])
        self.stdout.write(f"{count} service(s) à vérifier.")
