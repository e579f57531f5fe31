"""``millejours ateliers rappels|agenda-import``: the nightly side of the programme.

- ``millejours ateliers rappels [--jours 2]``: e-mails a reminder to the people registered
  to a session starting within N days (once per registration);
- ``millejours ateliers agenda-import FICHIER (.ics|.csv) [--theme CODE] [--organisateur NOM]``:
  imports other actors' actions into the shared agenda.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from millejours.lib.cli import Erreur, FrenchCommand, french_subparsers
from millejours.programme.services.agenda_import import agenda_import_csv, agenda_import_ical
from millejours.programme.services.registrations import reminders_send


class Command(FrenchCommand):
    help = "Ateliers : rappels par courriel, import de l'agenda partagé (iCal ou CSV)."

    def add_arguments(self, parser):
        sub = french_subparsers(parser, metavar="{rappels,agenda-import}")
        p_rem = sub.add_parser("rappels", help="Envoyer les rappels des séances à venir.")
        p_rem.add_argument("--jours", type=int, default=2)
        p_imp = sub.add_parser("agenda-import", help="Importer des actions d'autres acteurs.")
        p_imp.add_argument("file")
        p_imp.add_argument("--theme", default="autre")
        p_imp.add_argument("--organisateur", default="")

    def handle(self, *args, **options):
        if options["action"] == "rappels":
            if options["jours"] < 0:
                raise Erreur("Le nombre de jours doit être positif.")
            sent = reminders_send(days_before=options["jours"])
            self.stdout.write(f"{sent} rappel(s) envoyé(s).")
            return
        path = Path(options["file"])
        if not path.is_file():
            raise Erreur(f"Fichier introuvable : « {path} ».")
        limit_mb = settings.MILLEJOURS_UPLOAD_MAX_MB  # the limit of the agenda page's upload
        if path.stat().st_size > limit_mb * 1024 * 1024:
            raise Erreur(f"Fichier trop volumineux : « {path} » (maximum {limit_mb} Mo).")
        if path.suffix.lower() in {".ics", ".ical"}:
            result = agenda_import_ical(
                content=path.read_bytes(),
                actor="commande ateliers",
                theme=options["theme"],
                organiser=options["organisateur"],
            )
        elif path.suffix.lower() == ".csv":
            result = agenda_import_csv(
                content=path.read_bytes(),
                actor="commande ateliers",
                default_theme=options["theme"],
            )
        else:
            raise Erreur("Format non reconnu : fichier .ics ou .csv attendu.")
        for error in result.errors:
            self.stderr.write(error)
        self.stdout.write(f"{result.created} action(s) créée(s), {result.updated} mise(s) à jour.")
        if result.errors and not (result.created or result.updated):
            raise Erreur("Aucune action importée.")
