"""argparse in French for the trust commands (errors: French message, exit code 2)."""

from __future__ import annotations

import re
import sys

from django.core.management.base import CommandError, CommandParser

_TRANSLATIONS = (
    (r"the following arguments are required: (.*)", r"argument(s) obligatoire(s) manquant(s) : \1"),
    (r"unrecognized arguments: (.*)", r"argument(s) non reconnu(s) : \1"),
    (r"argument (\S+): expected one argument", r"l'option \1 attend une valeur"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"\1 : valeur invalide \2 (valeurs possibles : \3)"),
    (r"argument (\S+): invalid int value: (.*)", r"l'option \1 attend un nombre entier (reçu \2)"),
)


def french(message: str) -> str:
    for pattern, repl in _TRANSLATIONS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, repl, message)
    return message


class FrenchParser(CommandParser):
    def error(self, message):
        message = french(message)
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(2, f"Erreur : {message}\n")
        raise CommandError(f"Erreur : {message}", returncode=2)


def french_subparsers(parser: CommandParser, **kwargs):
    """``parser.add_subparsers`` whose sub-parsers also answer in French."""
    return parser.add_subparsers(dest="action", required=True, parser_class=FrenchParser, **kwargs)
