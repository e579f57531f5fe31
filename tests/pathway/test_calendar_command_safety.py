"""``millejours calendar``: the options of issue 10 (contract: --maternal-rsv-vaccine DATE,
--pregnancy-pertussis-vaccine DATE, --gestational-diabetes-risk, --departement CODE;
steps that do not apply are left out of the JSON or carry "state": "non_applicable")."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from millejours.pathway.calendar import get_rules

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
PREGNANCY_ONLY = {r.code for r in get_rules().by_subject("grossesse")}


def run(*args) -> dict[str, dict]:
    out = io.StringIO()
    call_command("calendar", *args, "--format", "json", stdout=out)
    return {m["code"]: m for m in json.loads(out.getvalue())["milestones"]}


def applicable(ms):
    return {c for c, m in ms.items() if m.get("state") != "non_applicable"}


def test_after_a_birth_at_32_weeks_every_pregnancy_step_is_non_applicable():
    ms = run("--lmp", "2025-01-01", "--birth-date", "2025-08-13")  # 32 SA + 0
    pregnancy = {c: m for c, m in ms.items() if c in PREGNANCY_ONLY}
    assert pregnancy and all(m["state"] == "non_applicable" for m in pregnancy.values())
    assert all(set(m) == KEYS for c, m in ms.items() if c not in PREGNANCY_ONLY)  # unchanged keys


def test_maternal_rsv_vaccine_removes_nirsevimab_for_a_term_baby_only():
    term = run(
        "--lmp", "2025-02-01", "--birth-date", "2025-10-25", "--maternal-rsv-vaccine", "2025-09-20"
    )
    assert "immunisation_vrs_nourrisson" not in applicable(term)
    assert "state" not in term["vaccin_vrs_grossesse"]  # given: not closed by the birth
    preterm = run(
        "--lmp", "2025-02-01", "--birth-date", "2025-10-05", "--maternal-rsv-vaccine", "2025-09-20"
    )
    assert preterm["immunisation_vrs_nourrisson"]["due"] == "2025-10-05"


def test_pregnancy_pertussis_vaccine_removes_the_cocooning_step():
    base = ("--lmp", "2025-01-31", "--birth-date", "2025-10-31")
    assert run(*base)["vaccin_coqueluche_post_partum"]["window_end"] == "2025-11-07"
    assert "vaccin_coqueluche_post_partum" not in run(
        *base, "--pregnancy-pertussis-vaccine", "2025-07-01"
    )


def test_gestational_diabetes_risk_adds_the_screening():
    assert "depistage_diabete_gestationnel" not in run("--lmp", "2025-01-31")
    m = run("--lmp", "2025-01-31", "--gestational-diabetes-risk")["depistage_diabete_gestationnel"]
    assert (m["window_start"], m["window_end"]) == ("2025-07-18", "2025-08-21")


@pytest.mark.parametrize(
    "dep, start",
    [
        (None, "2025-09-01"),
        ("75", "2025-09-01"),
        ("973", "2025-08-01"),
        ("976", "2025-10-01"),
        ("2A", "2025-09-01"),
    ],
)
def test_departement_sets_the_rsv_campaign(dep, start):
    args = ["--lmp", "2024-06-01", "--birth-date", "2025-03-10"] + (
        ["--departement", dep] if dep else []
    )
    assert run(*args)["immunisation_vrs_nourrisson"]["window_start"] == start


@pytest.mark.parametrize(
    "args, message",
    [
        (("--departement", "99"), "Département"),
        (("--departement", "Guyane"), "Département"),
        (("--maternal-rsv-vaccine", "2025-13-01"), "Date invalide"),
        (("--maternal-rsv-vaccine", "2024-12-01"), "DDR"),
        (
            ("--pregnancy-pertussis-vaccine", "2025-11-01", "--birth-date", "2025-10-31"),
            "naissance",
        ),
    ],
)
def test_invalid_new_options_exit_2_in_french(args, message):
    with pytest.raises(CommandError) as exc:
        call_command("calendar", "--lmp", "2025-01-31", *args)
    assert exc.value.returncode == 2 and message in str(exc.value)


def test_table_says_non_applicable_after_the_birth():
    out = io.StringIO()
    call_command("calendar", "--lmp", "2025-01-01", "--birth-date", "2025-08-13", stdout=out)
    assert "non applicable" in out.getvalue()
