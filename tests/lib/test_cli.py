"""The command-line helpers: French argparse errors (exit code 2), one ``--format`` option."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management.base import CommandParser

from millejours.lib.cli import Erreur, FrenchCommand, add_format_option, french_subparsers


class Command(FrenchCommand):
    def add_arguments(self, parser):
        sub = french_subparsers(parser)
        listing = sub.add_parser("list")
        add_format_option(listing)
        table = sub.add_parser("table")
        add_format_option(table, "table", "json")

    def handle(self, *args, **options):
        return f"{options['action']}:{options['format']}"


def _parse(*argv):
    parser = Command().create_parser("millejours", "exemple")
    return vars(parser.parse_args(argv))


def test_the_output_format_is_text_or_json_and_text_by_default():
    assert _parse("list")["format"] == "text"
    assert _parse("list", "--format", "json")["format"] == "json"


def test_a_command_can_name_its_own_formats_the_first_being_the_default():
    assert _parse("table")["format"] == "table"
    assert _parse("table", "--format", "json")["format"] == "json"


def test_a_wrong_format_is_refused_in_french_with_exit_code_2():
    with pytest.raises(Erreur) as exc:
        _parse("list", "--format", "xml")
    assert "choix invalide" in str(exc.value)
    assert exc.value.returncode == 2


def test_a_missing_sub_command_is_refused_in_french():
    parser = Command().create_parser("millejours", "exemple")
    assert isinstance(parser, CommandParser)
    with pytest.raises(Erreur) as exc:
        parser.parse_args([])
    assert "arguments obligatoires manquants" in str(exc.value)


def test_json_output_keeps_accents_and_writes_dates_as_the_web_app_does():
    out = io.StringIO()
    command = Command(stdout=out)
    command.write_json(
        {"libellé": "Entretien prénatal précoce", "le": dt.date(2026, 3, 1), "h": Decimal("1.5")}
    )
    text = out.getvalue()
    assert "prénatal" in text and "\\u00e9" not in text
    assert json.loads(text) == {
        "libellé": "Entretien prénatal précoce",
        "le": "2026-03-01",
        "h": "1.5",
    }


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("json", '{"fiches": [{"id": 1, "libellé": "Ateliers"}, {"id": 2, "libellé": "Portage"}]}'),
        ("text", "1 Ateliers\n2 Portage\n"),
    ],
)
def test_a_list_is_written_from_the_same_rows_in_json_and_in_text(fmt, expected):
    out = io.StringIO()
    rows = [{"id": 1, "libellé": "Ateliers"}, {"id": 2, "libellé": "Portage"}]
    Command(stdout=out).write_rows(fmt, "fiches", rows, lambda r: f"{r['id']} {r['libellé']}")
    if fmt == "json":
        assert json.loads(out.getvalue()) == json.loads(expected)
    else:
        assert out.getvalue() == expected
