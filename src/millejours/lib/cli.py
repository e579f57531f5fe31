"""Command-line helpers shared by every ``millejours`` command.

argparse errors come out in French with exit code 2 (on the command line and through
``call_command``), and ``Erreur`` makes Django print ``Erreur: <message>`` instead of
``CommandError: <message>``. Usage in a management command::

    class Command(FrenchCommand):
        def add_arguments(self, parser):
            sub = french_subparsers(parser)          # sub-commands (``resources import``…)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.serializers.json import DjangoJSONEncoder

_TRANSLATIONS = (
    (r"the following arguments are required: (.*)", "arguments obligatoires manquants : {0}"),
    (r"one of the arguments (.*) is required", "une des options {0} est obligatoire"),
    (r"argument (\S+): not allowed with argument (\S+)", "l'option {0} est incompatible avec {1}"),
    (
        r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)",
        "option {0} : choix invalide {1} (choix possibles : {2})",
    ),
    (r"invalid choice: (.*?) \(choose from (.*)\)", "choix invalide {0} (choix possibles : {1})"),
    (r"argument (\S+): invalid int value: (.*)", "l'option {0} attend un nombre entier (reçu {1})"),
    (r"argument (.*?): invalid (\w+) value: (.*)", "option {0} : valeur invalide {2}"),
    (r"argument (\S+): expected one argument", "l'option {0} attend une valeur"),
    (
        r"argument (\S+): ignored explicit argument (.*)",
        "l'option {0} ne prend pas de valeur (reçu {1})",
    ),
    (r"ambiguous option: (.*)", "option ambiguë : {0}"),
    (r"unrecognized arguments: (.*)", "arguments non reconnus : {0}"),
)


def to_french(message: str) -> str:
    """argparse's English error message, in French (unchanged when unknown)."""
    for pattern, template in _TRANSLATIONS:
        match = re.fullmatch(pattern, message)
        if match:
            return template.format(*match.groups())
    return message


class Erreur(CommandError):
    """A command error that Django prints as ``Erreur: <message>``; exit code 2 by default."""

    def __init__(self, *args: Any, returncode: int = 2, **kwargs: Any) -> None:
        super().__init__(*args, returncode=returncode, **kwargs)


class FrenchCommandParser(CommandParser):
    """A Django ``CommandParser`` whose errors are French and exit with code 2."""

    def error(self, message: str) -> NoReturn:
        message = to_french(message)
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog} : erreur : {message}\n")
        raise Erreur(message, returncode=2)


def french_parser(parser: CommandParser) -> CommandParser:
    """Give an existing command parser French error messages (exit code 2)."""
    parser.__class__ = FrenchCommandParser
    return parser


def french_subparsers(
    parser: CommandParser, *, dest: str = "action", **kwargs: Any
) -> argparse._SubParsersAction[Any]:
    """``parser.add_subparsers`` whose sub-parsers also answer in French."""
    return parser.add_subparsers(
        dest=dest, required=True, parser_class=FrenchCommandParser, **kwargs
    )


class FrenchCommand(BaseCommand):
    """A management command whose argument errors are French and exit with code 2."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        return french_parser(super().create_parser(prog_name, subcommand, **kwargs))

    def write_json(self, payload: Any, *, indent: int | None = None) -> None:
        """Write ``payload`` on stdout as one JSON document, encoded as the web app's JSON.

        Accented text stays as it is (no ``\\u`` escapes); dates, times and decimals are
        written as ``JsonResponse`` writes them (``DjangoJSONEncoder``).
        """
        self.stdout.write(
            json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=indent)
        )

    def write_rows(
        self,
        fmt: str,
        key: str,
        rows: Sequence[Mapping[str, Any]],
        line: Callable[[Mapping[str, Any]], str],
    ) -> None:
        """A list's output: ``{key: rows}`` with ``--format json``, else ``line(row)`` per row.

        The same rows feed both formats, so the text and the JSON cannot tell different
        stories.
        """
        if fmt == "json":
            self.write_json({key: list(rows)})
            return
        for row in rows:
            self.stdout.write(line(row))


def add_format_option(
    parser: argparse.ArgumentParser, *choices: str, default: str | None = None
) -> None:
    """``--format`` of a command's output: ``text`` or ``json`` unless told; default: the first."""
    choices = choices or ("text", "json")
    default = default or choices[0]
    parser.add_argument(
        "--format",
        choices=list(choices),
        default=default,
        help=f"format de sortie ({default} par défaut)",
    )


def add_once_option(parser: argparse.ArgumentParser) -> None:
    """``--once`` of a long-running loop (scheduler, outbox worker): one pass, then stop."""
    parser.add_argument("--once", action="store_true", help="une seule passe puis s'arrêter")
