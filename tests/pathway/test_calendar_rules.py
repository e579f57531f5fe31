"""The rule files: every code of the reference is encoded, the schema check rejects bad files."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from millejours.pathway.calendar import RuleError, get_rules, load_rules

REFERENCE_CODES = {
    "declaration_grossesse",
    "examen_prenatal_1",
    "echographie_t1",
    "epp",
    "bilan_prenatal_prevention",
    *(f"examen_prenatal_{n}" for n in range(2, 8)),
    "echographie_t2",
    "echographie_t3",
    "vaccin_coqueluche_grossesse",
    "vaccin_vrs_grossesse",
    "preparation_naissance",
    "terme_prevu",
    "visite_retour_domicile",
    "epnp",
    "epnp_2",
    "examen_postnatal",
    "examen_enfant_8j",
    "examen_enfant_2sem",
    *(f"examen_enfant_m{n}" for n in (2, 3, 4, 5, 6, 9, 12, 13)),
    "examen_enfant_m16_18",
    "examen_enfant_m24_25",
    *(f"vaccin_hexavalent_{i}" for i in (1, 2, 3)),
    *(f"vaccin_pneumocoque_{i}" for i in (1, 2, 3)),
    "vaccin_pneumocoque_premature",
    *(f"vaccin_meningocoque_b_{i}" for i in (1, 2, 3)),
    "vaccin_meningocoque_acwy_1",
    "vaccin_meningocoque_acwy_2",
    "vaccin_ror_1",
    "vaccin_ror_2",
    "vaccin_rotavirus_1",
    "vaccin_rotavirus_2",
    "vaccin_rotavirus_3",
    "immunisation_vrs_nourrisson",
    "vaccin_bcg",
    "fin_1000_jours",
}


def test_every_code_of_the_reference_has_a_rule():
    assert REFERENCE_CODES <= set(get_rules().codes)


def test_the_removed_one_month_exam_is_kept_as_an_old_version():
    (m1,) = [r for r in get_rules().rules if r.code == "examen_enfant_m1"]
    assert m1.valid_to == dt.date(2024, 12, 31)


def test_every_rule_has_a_french_label_a_source_and_a_version():
    for rule in get_rules().rules:
        assert rule.label and rule.source.startswith("http") and rule.version


@pytest.mark.parametrize(
    "code",
    [
        "declaration_grossesse",
        "epp",
        "echographie_t2",
        "echographie_t3",
        "vaccin_vrs_grossesse",
        "visite_retour_domicile",
        "examen_enfant_2sem",
        "examen_enfant_m9",
        "examen_enfant_m24_25",
        "vaccin_pneumocoque_premature",
        "immunisation_vrs_nourrisson",
        "vaccin_bcg",
    ],
)
def test_uncertain_rules_are_flagged_for_clinical_review(code):
    assert all(r.review for r in get_rules().rules if r.code == code)


def test_rules_are_loaded_once_and_cached():
    assert get_rules() is get_rules()


def _write(tmp_path, body):
    (tmp_path / "x.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return tmp_path


GOOD = """
version: "1"
rules:
  - code: essai
    label: Essai
    category: examen
    subject: enfant
    anchor: birth
    start: {days: 0}
    due: {days: 0}
    end: {days: 3}
    status: compulsory
    version: "1"
    source: https://example.org/
"""


def test_a_well_formed_file_loads(tmp_path):
    assert load_rules(_write(tmp_path, GOOD)).codes == ["essai"]


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("status: compulsory", "status: mandatory", "status"),
        ("subject: enfant", "subject: pere", "subject"),
        ("    label: Essai\n", "", "label"),
        ("end: {days: 3}", "end: {jours: 3}", "inconnue"),
        ("start: {days: 0}", "start: {sa: douze}", "sa"),
        ("anchor: birth", "anchor: lmp", "ancre"),
        ("source: https://example.org/", "source: ailleurs", "source"),
        ("status: compulsory", "status: compulsory\n    conditions: [lune_pleine]", "conditions"),
    ],
)
def test_a_malformed_rule_is_rejected_with_a_clear_french_message(tmp_path, old, new, message):
    with pytest.raises(RuleError, match=message) as exc:
        load_rules(_write(tmp_path, GOOD.replace(old, new)))
    assert "x.yaml" in str(exc.value)


def test_unreadable_yaml_is_rejected(tmp_path):
    with pytest.raises(RuleError, match="YAML"):
        load_rules(_write(tmp_path, "rules: [\n"))


def test_overlapping_versions_of_a_code_are_rejected(tmp_path):
    body = GOOD + GOOD.split("rules:\n", 1)[1].replace('version: "1"', 'version: "2"')
    with pytest.raises(RuleError, match="chevauchent"):
        load_rules(_write(tmp_path, body))


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("status: compulsory", "status: compulsory\n    validity: parfois", "validity"),
        ("status: compulsory", "status: compulsory\n    season: grippe", "grippe"),
    ],
)
def test_validity_and_season_are_checked(tmp_path, old, new, message):
    with pytest.raises(RuleError, match=message):
        load_rules(_write(tmp_path, GOOD.replace(old, new)))


SEASON = """
seasons:
  rsv:
    start: "09-01"
    end: "01-31"
    territories:
      "973": {start: "08-01"}
    campaigns:
      2025: {start: 2025-09-15, end: 2026-02-15}
"""


def test_seasons_have_territories_and_dated_campaigns(tmp_path):
    season = load_rules(_write(tmp_path, GOOD + SEASON)).seasons["rsv"]
    assert season.bounds(2024) == (dt.date(2024, 9, 1), dt.date(2025, 1, 31))
    assert season.bounds(2025) == (dt.date(2025, 9, 15), dt.date(2026, 2, 15))  # dated campaign
    assert season.bounds(2025, "973") == (dt.date(2025, 8, 1), dt.date(2026, 1, 31))
    assert season.bounds(2025, "31") == season.bounds(2025)  # metropolitan


def test_incoherent_campaign_dates_are_rejected(tmp_path):
    with pytest.raises(RuleError, match="incohérentes"):
        load_rules(_write(tmp_path, GOOD + SEASON.replace("end: 2026-02-15", "end: 2025-08-15")))


@pytest.mark.parametrize("empty", ["start: null, end: 2026-02-15", "start: 2025-09-15, end: null"])
def test_a_campaign_with_an_empty_date_is_rejected_in_french(tmp_path, empty):
    # Found by mypy: an empty date used to raise AttributeError/TypeError, not RuleError.
    text = GOOD + SEASON.replace("start: 2025-09-15, end: 2026-02-15", empty)
    with pytest.raises(RuleError, match="start » et « end » sont obligatoires"):
        load_rules(_write(tmp_path, text))
