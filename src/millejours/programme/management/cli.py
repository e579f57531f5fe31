"""Argument parsing with French error messages and exit code 2 for the programme commands."""

from __future__ import annotations

import re
import sys

from django.core.management.base import CommandError, CommandParser

_MESSAGES = [
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)", r"argument \1 : choix invalide \2 (possibles : \3)"),
    (r"invalid choice: (.*?) \(choose from (.*)\)", r"choix invalide \1 (possibles : \2)"),
    (r"unrecognized arguments: (.*)", r"arguments non reconnus : \1"),
    (r"argument (.*?): expected one argument", r"argument \1 : une valeur est attendue"),
    (r"argument (.*?): invalid (\w+) value: (.*)", r"argument \1 : valeur invalide \3"),
]


def french(message: str) -> str:
    for pattern, replacement in _MESSAGES:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class FrenchCommandParser(CommandParser):
    def error(self, message):
        message = french(message)
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog} : erreur : {message}\n")
        raise CommandError(f"Erreur : {message}", returncode=2)


def frenchify(parser: CommandParser) -> CommandParser:
    """Give an existing command parser French error messages (exit code 2)."""
    parser.__class__ = FrenchCommandParser
    return parser
