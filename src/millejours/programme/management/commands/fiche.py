"""``millejours fiche list|export|import``: fiches action from the command line.

- ``millejours fiche list [--format json]``: id and libellé of each fiche
  (JSON: ``{"fiches": [{"id": 1, "libelle": "…"}]}``);
- ``millejours fiche export ID --format pdf|json|docx -o FILE`` (JSON without ``-o``: stdout);
- ``millejours fiche import FILE.json [--format json]``: prints the created id
  (JSON: ``{"id": 3}``).

Unknown id, unreadable or invalid file: a French message on stderr and exit code 2.
"""

from __future__ import annotations

import json
from pathlib import Path

from millejours.lib import safejson
from millejours.lib.cli import Erreur, FrenchCommand, add_format_option, french_subparsers
from millejours.lib.errors import InvalidInput
from millejours.programme import documents
from millejours.programme.models import Fiche
from millejours.programme.services.fiche_document import FicheDataError
from millejours.programme.services.fiches import fiche_import


class Command(FrenchCommand):
    help = "Fiches action : lister, exporter (PDF, JSON, DOCX), importer (JSON millejours.fiche/1)."

    def add_arguments(self, parser):
        sub = french_subparsers(parser, metavar="{list,export,import}")
        p_list = sub.add_parser("list", help="Lister les fiches (id et libellé).")
        add_format_option(p_list)
        p_export = sub.add_parser("export", help="Exporter une fiche.")
        p_export.add_argument("id", help="identifiant de la fiche")
        add_format_option(p_export, "json", "pdf", "docx")
        p_export.add_argument("-o", "--output", dest="output", default="", help="fichier de sortie")
        p_import = sub.add_parser(
            "import", help="Importer une fiche au format JSON millejours.fiche/1."
        )
        p_import.add_argument("file", help="fichier JSON")
        add_format_option(p_import)

    def handle(self, *args, **options):
        return getattr(self, f"_{options['action']}")(options)

    def _list(self, options):
        fiches = [
            {"id": pk, "libelle": title}
            for pk, title in Fiche.objects.order_by("id").values_list("id", "title")
        ]
        self.write_rows(options["format"], "fiches", fiches, lambda f: f"{f['id']}\t{f['libelle']}")

    def _export(self, options):
        raw = str(options["id"]).strip()
        if not raw.isdigit() or not Fiche.objects.filter(pk=int(raw)).exists():
            raise Erreur(f"Fiche action introuvable : « {raw} ».")
        pk, fmt, output = int(raw), options["format"], options["output"]
        if fmt == "json":
            content: bytes = documents.fiche_json(pk).encode()
        elif fmt == "pdf":
            content = documents.fiche_pdf(pk)
        else:
            content = documents.fiche_docx(pk)
        if not output:
            if fmt != "json":
                raise Erreur("L'option -o FICHIER est obligatoire pour les formats pdf et docx.")
            self.stdout.write(content.decode())
            return
        try:
            Path(output).write_bytes(content)
        except OSError as exc:
            raise Erreur(f"Impossible d'écrire le fichier « {output} » : {exc.strerror}.") from None
        self.stderr.write(f"Fiche {pk} exportée vers {output}.")

    def _import(self, options):
        path = Path(options["file"])
        try:
            payload = safejson.loads(path.read_text(encoding="utf-8"))
        except InvalidInput as exc:
            raise Erreur(f"Fichier « {path} » refusé : {exc.message}") from None
        except FileNotFoundError:
            raise Erreur(f"Fichier introuvable : « {path} ».") from None
        except (OSError, UnicodeDecodeError):
            raise Erreur(f"Impossible de lire le fichier « {path} ».") from None
        except json.JSONDecodeError as exc:
            raise Erreur(
                f"Le fichier « {path} » n'est pas un JSON valide (ligne {exc.lineno}, colonne {exc.colno})."
            ) from None
        try:
            fiche = fiche_import(payload=payload, actor="commande fiche import", origin=path.name)
        except FicheDataError as exc:
            raise Erreur("Fiche invalide :\n- " + "\n- ".join(exc.errors)) from None
        if options["format"] == "json":
            self.write_json({"id": fiche.pk})
        else:
            self.stdout.write(str(fiche.pk))
