"""``millejours score epds --answers A1,…,A10 [--format json]`` — score a questionnaire.

Command contract (issue 4, keep it stable): each Ai is the 0-based position of the chosen
option in the original instrument's order (Cox 1987). Output with ``--format json``::

    {"total": int, "level": "bas"|"vigilance"|"eleve", "contact_offer": bool, "alert": bool}

Invalid input (not exactly 10 answers, a non-integer, a position outside 0–3): a French
message on stderr and exit code 2. The web pages score through the same code
(``screening.questionnaires``).
"""

from __future__ import annotations

from millejours.lib.cli import Erreur, FrenchCommand, add_format_option, french_subparsers
from millejours.screening import questionnaires


def parse_positions(raw: str) -> list[int]:
    parts = [p.strip() for p in raw.split(",")]
    positions = []
    for index, part in enumerate(parts, start=1):
        try:
            positions.append(int(part))
        except ValueError:
            raise Erreur(f"La réponse n°{index} (« {part} ») n'est pas un nombre entier.") from None
    return positions


class Command(FrenchCommand):
    help = "Calcule le score d'un questionnaire (EPDS) à partir des positions des réponses."

    def add_arguments(self, parser):
        sub = french_subparsers(parser, dest="questionnaire", title="questionnaires")
        epds = sub.add_parser(
            "epds", help="Échelle de dépression postnatale d'Édimbourg (10 items)"
        )
        epds.add_argument(
            "--answers",
            required=True,
            help="A1,A2,…,A10 : position (0 à 3) de l'option choisie, dans l'ordre original",
        )
        add_format_option(epds)

    def handle(self, *args, **options):
        positions = parse_positions(options["answers"])
        try:
            result = questionnaires.score_epds_positions(positions)
        except questionnaires.AnswerError as exc:
            raise Erreur(str(exc)) from None
        if options["format"] == "json":
            self.write_json(result.as_contract())
            return
        q = questionnaires.epds()
        lines = [
            f"EPDS — score total : {result.total}/30",
            f"Niveau : {result.level_label} ({result.level})",
            "Proposer d'être recontacté(e) : " + ("oui" if result.contact_offer else "non"),
            "Alerte item 10 (pensées de se faire du mal) : "
            + ("OUI — 3114, 15 ou 112" if result.alert else "non"),
            f"Questionnaire : {q.title}, version {q.version}.",
        ]
        self.stdout.write("\n".join(lines))
