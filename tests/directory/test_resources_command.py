"""The command contract of ``millejours resources import|search``: JSON keys, exit codes."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from . import helpers
from .helpers import csv_file


def run(*args):
    out = StringIO()
    call_command("resources", *args, stdout=out)
    return json.loads(out.getvalue())


def test_import_reports_created_updated_rejected(tmp_path, commune):
    path = csv_file(
        tmp_path,
        [
            "1;Consultation PMI;PMI;pmi;perinatalite--allaitement;;31113;;;;;",
            "2;;PMI;pmi;;;31113;;;;;",
        ],
    )
    first = run("import", str(path), "--format", "json")
    assert first == {
        "created": 1,
        "updated": 0,
        "rejected": [{"row": 2, "errors": ["Nom du service (colonne « nom ») manquant."]}],
    }
    assert run("import", str(path), "--format", "json")["updated"] == 1


def test_import_lists_rows_kept_with_a_warning(tmp_path, commune):
    path = csv_file(tmp_path, ["1;Consultation PMI;PMI;pmi;;;31113;;;;;Lu-Ve 9h-12h"])
    report = run("import", str(path), "--format", "json")
    assert (report["created"], report["rejected"]) == (1, [])
    assert report["warnings"][0]["row"] == 1
    assert "« Lu-Ve 9h-12h »" in report["warnings"][0]["warnings"][0]
    out = StringIO()
    call_command("resources", "import", str(path), stdout=out)
    assert "ligne 1 (avertissement) : Horaires gardés tels quels" in out.getvalue()


def test_search_is_sorted_by_distance(commune):
    helpers.service("Loin", lat=43.60, lon=1.44)
    helpers.service("Près", lat=43.52, lon=1.50)
    helpers.service("Hors rayon", lat=44.5, lon=1.5)
    result = run("search", "--near", "31113", "--radius-km", "20", "--format", "json")
    assert [r["name"] for r in result["results"]] == ["Près", "Loin"]
    assert {"id", "name", "distance_km"} <= set(result["results"][0])
    assert result["results"][0]["distance_km"] <= result["results"][1]["distance_km"]


def test_search_by_coordinates_and_theme(db):
    helpers.service("Allaitement", themes=["perinatalite--allaitement"])
    helpers.service("Sommeil", themes=["perinatalite--sommeil"])
    result = run(
        "search", "--near", "43.5156,1.4981", "--theme", "perinatalite--sommeil", "--format", "json"
    )
    assert [r["name"] for r in result["results"]] == ["Sommeil"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "--near", "99999"], "Code INSEE inconnu"),
        (["search", "--near", "abc,def"], "Coordonnées invalides"),
        (["search", "--near", "43.5,1.4", "--theme", "inconnu"], "Thématique inconnue"),
        (["import", "/nulle/part.csv"], "Fichier introuvable"),
    ],
)
def test_bad_input_is_a_french_error_with_exit_code_2(db, args, message):
    with pytest.raises(CommandError) as excinfo:
        call_command("resources", *args)
    assert excinfo.value.returncode == 2
    assert message in str(excinfo.value)


def test_an_unreadable_file_is_exit_code_2(tmp_path, db):
    path = tmp_path / "casse.json"
    path.write_text("{pas du json", encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        call_command("resources", "import", str(path))
    assert excinfo.value.returncode == 2
    assert "JSON illisible" in str(excinfo.value)


def test_the_console_command_exits_2_with_the_message_on_stderr(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    exe = os.path.join(os.path.dirname(sys.executable), "millejours")
    subprocess.run([exe, "migrate", "-v0"], env=env, check=True, capture_output=True)
    result = subprocess.run(
        [exe, "resources", "search", "--near", "99999"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Code INSEE inconnu" in result.stderr
    result = subprocess.run(
        [exe, "resources", "frobnicate"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
