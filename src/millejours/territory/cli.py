"""Command-line helpers: argparse errors in French, exit code 2.

Usage in a management command with sub-commands::

    def create_parser(self, prog_name, subcommand, **kwargs):
        return french_parser(super().create_parser(prog_name, subcommand, **kwargs))

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, parser_class=FrenchCommandParser)
"""

from __future__ import annotations

import re

from django.core.management.base import CommandError, CommandParser

_TRANSLATIONS = (
    (r"the following arguments are required: (.*)", "arguments obligatoires manquants : {0}"),
    (r"one of the arguments (.*) is required", "une des options {0} est obligatoire"),
    (r"argument (.*): not allowed with argument (.*)", "l'option {0} est incompatible avec {1}"),
    (r"argument (.*): invalid choice: (.*) \(choose from (.*)\)", "option {0} : choix invalide {1} (choix possibles : {2})"),
    (r"argument (.*): invalid (.*) value: (.*)", "option {0} : valeur invalide {2}"),
    (r"argument (.*): expected one argument", "l'option {0} attend une valeur"),
    (r"unrecognized arguments: (.*)", "arguments non reconnus : {0}"),
)


def to_french(message: str) -> str:
    for pattern, template in _TRANSLATIONS:
        match = re.fullmatch(pattern, message)
        if match:
            return template.format(*match.groups())
    return message


class FrenchCommandParser(CommandParser):
    """A Django ``CommandParser`` whose errors are French and exit with code 2."""

    def error(self, message):
        message = to_french(message)
        if self.called_from_command_line:
            self.print_usage()
            self.exit(2, f"{self.prog} : erreur : {message}\n")
        raise CommandError(message, returncode=2)


def french_parser(parser: CommandParser) -> CommandParser:
    parser.__class__ = FrenchCommandParser
    return parser
