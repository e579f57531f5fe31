"""The ``millejours calendar`` command contract (JSON shape, applicable milestones, exit 2)."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

KEYS = {
    "code",
    "label",
    "category",
    "due",
    "window_start",
    "window_end",
    "status",
    "source",
    "review",
}


def run(*args) -> list[dict]:
    out = io.StringIO()
    call_command("calendar", *args, "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert list(data) == ["milestones"]
    return data["milestones"]


def codes(ms):
    return {m["code"] for m in ms}


def test_json_shape_and_iso_dates():
    ms = run("--lmp", "2025-01-31")
    assert ms
    for m in ms:
        assert set(m) == KEYS
        assert m["status"] in {"compulsory", "recommended", "conditional", "information"}
        assert isinstance(m["review"], bool)
        for key in ("due", "window_start", "window_end"):
            dt.date.fromisoformat(m[key])
        assert m["window_start"] <= m["due"] <= m["window_end"]
    terme = next(m for m in ms if m["code"] == "terme_prevu")
    assert terme["due"] == "2025-11-14" and terme["status"] == "information"


def test_due_date_and_ddr_give_the_same_calendar():
    assert run("--due-date", "2025-11-14") == run("--lmp", "2025-01-31")


def test_child_milestones_only_with_a_birth_date_and_epnp_2_only_for_a_first_child():
    without_birth = codes(run("--lmp", "2025-01-31"))
    assert not any(c.startswith(("examen_enfant", "vaccin_hexavalent")) for c in without_birth)
    with_birth = codes(run("--lmp", "2025-01-31", "--birth-date", "2025-10-31"))
    assert {"examen_enfant_8j", "vaccin_hexavalent_1", "epnp", "fin_1000_jours"} <= with_birth
    assert "epnp_2" not in with_birth
    assert "epnp_2" in codes(
        run("--lmp", "2025-01-31", "--birth-date", "2025-10-31", "--first-child")
    )


def test_gestational_age_decides_preterm_and_defaults_to_birth_minus_ddr():
    base = ("--lmp", "2025-01-01", "--birth-date", "2025-09-10")  # 36 SA + 0 computed
    assert "vaccin_pneumocoque_premature" in codes(run(*base))
    assert "vaccin_pneumocoque_premature" not in codes(
        run(*base, "--gestational-age-at-birth", "37+2")
    )
    assert "vaccin_pneumocoque_premature" in codes(run(*base, "--gestational-age-at-birth", "35"))


def test_an_old_ddr_is_accepted_with_a_birth_date():
    ms = run("--lmp", "2018-01-10", "--birth-date", "2018-10-15")
    assert "fin_1000_jours" in codes(ms)


def test_table_output_is_french():
    out = io.StringIO()
    call_command("calendar", "--lmp", "2025-01-31", stdout=out)
    text = out.getvalue()
    assert "Date cible" in text and "14/11/2025" in text and "obligatoire" in text


FUTURE = (dt.date.today() + dt.timedelta(days=30)).isoformat()


@pytest.mark.parametrize(
    "args, message",
    [
        ((), "--lmp"),
        (("--lmp", "2025-01-31", "--due-date", "2025-11-14"), "pas les deux"),
        (("--lmp", "2025-02-30"), "Date invalide"),
        (("--lmp", "demain"), "Date invalide"),
        (("--lmp", FUTURE), "futur"),
        (("--due-date", (dt.date.today() + dt.timedelta(days=300)).isoformat()), "futur"),
        (("--lmp", "2025-01-31", "--birth-date", "2025-06-01"), "22 SA"),
        (("--lmp", "2024-01-01", "--birth-date", "2025-01-01"), "45 SA"),
        (
            (
                "--lmp",
                "2025-01-31",
                "--birth-date",
                "2025-10-31",
                "--gestational-age-at-birth",
                "21",
            ),
            "22 et 45",
        ),
        (
            (
                "--lmp",
                "2025-01-31",
                "--birth-date",
                "2025-10-31",
                "--gestational-age-at-birth",
                "46",
            ),
            "22 et 45",
        ),
        (
            (
                "--lmp",
                "2025-01-31",
                "--birth-date",
                "2025-10-31",
                "--gestational-age-at-birth",
                "38+9",
            ),
            "invalide",
        ),
        (("--lmp", "2025-01-31", "--gestational-age-at-birth", "38"), "--birth-date"),
        (("--lmp", "2025-01-31", "--format", "xml"), "choix invalide"),
    ],
)
def test_invalid_input_is_refused_with_a_french_message_and_exit_code_2(args, message):
    with pytest.raises(CommandError) as exc:
        call_command("calendar", *args)
    assert exc.value.returncode == 2
    assert message in str(exc.value)


BIN = Path(sys.executable).parent / "millejours"


def test_the_console_entry_point_prints_json():
    proc = subprocess.run(
        [
            str(BIN),
            "calendar",
            "--lmp",
            "2025-01-31",
            "--birth-date",
            "2025-10-31",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "vaccin_hexavalent_1" in codes(json.loads(proc.stdout)["milestones"])


@pytest.mark.parametrize(
    "args, message",
    [
        (["--lmp", "2025-01-31", "--due-date", "2025-11-14"], "pas les deux"),
        (["--lmp", "2025-01-31", "--inconnue"], "non reconnu"),
        (["--lmp"], "attend une valeur"),
    ],
)
def test_the_console_entry_point_exits_2_with_a_french_message_on_stderr(args, message):
    proc = subprocess.run(
        [str(BIN), "calendar", *args], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2
    assert message in proc.stderr and proc.stdout == ""
