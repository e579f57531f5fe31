"""``millejours score epds`` follows its contract exactly (output, exit codes)."""

import json
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    out = StringIO()
    call_command("score", *args, stdout=out)
    return out.getvalue()


def test_json_output_has_exactly_the_contract_keys():
    data = json.loads(run("epds", "--answers", "0,0,3,0,3,3,3,3,3,3", "--format", "json"))
    assert data == {"total": 0, "level": "bas", "contact_offer": False, "alert": False}


def test_item_10_first_option_means_three_points():
    data = json.loads(run("epds", "--answers", "0,0,3,0,3,3,3,3,3,0", "--format", "json"))
    assert data == {"total": 3, "level": "eleve", "contact_offer": True, "alert": True}


def test_vigilance_with_contact_offer():
    # items 1,2 at 3 points (position 3), item 3 at 3 points (position 0), item 4 at 2 → 11.
    data = json.loads(run("epds", "--answers", "3,3,0,2,3,3,3,3,3,3", "--format", "json"))
    assert data == {"total": 11, "level": "vigilance", "contact_offer": True, "alert": False}


def test_text_output_is_a_french_summary():
    text = run("epds", "--answers", "3,3,0,3,0,0,0,0,0,0")
    assert "score total : 30/30" in text and "Score élevé" in text and "3114" in text


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("0,0,0", "exactement 10"),
        ("0,0,0,0,0,0,0,0,0,0,0", "exactement 10"),
        ("0,0,0,0,0,0,0,0,0,x", "nombre entier"),
        ("0,0,0,0,0,0,0,0,0,1.5", "nombre entier"),
        ("0,0,0,0,0,0,0,0,0,4", "hors limites"),
        ("0,0,0,0,0,0,0,0,0,-1", "hors limites"),
    ],
)
def test_invalid_answers_exit_2_with_a_french_message(answers, message):
    with pytest.raises(CommandError, match=message) as exc:
        call_command("score", "epds", f"--answers={answers}", "--format", "json")
    assert exc.value.returncode == 2


def test_missing_answers_option_exits_2():
    with pytest.raises(CommandError, match="arguments obligatoires manquants") as exc:
        call_command("score", "epds")
    assert exc.value.returncode == 2


def test_console_command_prints_json_and_exits_2_on_bad_input():
    exe = ROOT / ".venv" / "bin" / "millejours"
    ok = subprocess.run(
        [exe, "score", "epds", "--answers", "0,0,3,0,3,3,3,3,3,1", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout) == {
        "total": 2,
        "level": "eleve",
        "contact_offer": True,
        "alert": True,
    }
    bad = subprocess.run(
        [exe, "score", "epds", "--answers", "1,2,3", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2
    assert "Il faut exactement 10 réponses" in bad.stderr
    assert bad.stdout == ""


def test_item_10_at_one_point_is_eleve_and_never_reassuring_in_text():
    # epds.md (review: true): any item-10 answer worth >= 1 point → `eleve`.
    data = json.loads(run("epds", "--answers", "0,0,3,0,3,3,3,3,3,2", "--format", "json"))
    assert data == {"total": 1, "level": "eleve", "contact_offer": True, "alert": True}
    text = run("epds", "--answers", "0,0,3,0,3,3,3,3,3,2")
    assert "Score élevé (eleve)" in text and "rassurant" not in text.lower()
