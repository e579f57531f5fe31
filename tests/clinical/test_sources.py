"""Every questionnaire rule, vocabulary entry and indicator cites a public reference (issue 10).

A public reference is a web address or an official text (code, law, decree…): never a
local path or an internal document name. Interpretive ones carry ``review: true``.
"""

import re
from pathlib import Path

import pytest

import millejours
from millejours.clinical.registry import public_reference_problem, vocabulary_entries
from millejours.indicators import reports
from millejours.indicators.definitions import load as load_indicators
from millejours.screening import questionnaires


def questionnaire_sources():
    for code in questionnaires.CURRENT:
        q = questionnaires.get(code)
        yield f"{code} (fichier)", q.source
        for level in q.levels:
            yield f"{code} niveau {level['code']}", level["source"]
        for name, signal in q.signals.items():
            yield f"{code} signal {name}", signal["source"]
        for alert in q.alerts:
            yield f"{code} tâche {alert['reason']}", alert["source"]
        for dom in q.domains:
            yield f"{code} domaine {dom.code}", dom.source


@pytest.mark.parametrize(("what", "source"), list(questionnaire_sources()))
def test_questionnaire_rules_cite_a_public_reference(what, source):
    assert public_reference_problem(source) == "", (what, source)


def test_questionnaire_rules_are_marked_for_review():
    for code in questionnaires.CURRENT:
        q = questionnaires.get(code)
        for rule in (*q.levels, *q.signals.values(), *q.alerts):
            assert rule.get("review") is True, (code, rule)
        assert all(d.review for d in q.domains)


@pytest.mark.parametrize(("code", "entry", "version"), vocabulary_entries())
def test_vocabulary_entries_cite_a_public_reference(code, entry, version):
    assert public_reference_problem(entry["source"]) == "", (code, entry["source"])
    assert version


def test_every_vocabulary_file_is_covered():
    codes = {code for code, _, _ in vocabulary_entries()}
    assert any(c.startswith("directory.typologies.") for c in codes)
    assert any(c.startswith("directory.thematiques.") for c in codes)
    assert any(c.startswith("programme.themes.") for c in codes)
    assert any(c.startswith("programme.objectives.") for c in codes)


@pytest.mark.parametrize("indicator", load_indicators().indicators, ids=lambda i: i.code)
def test_indicator_definitions_cite_a_public_reference(indicator):
    assert public_reference_problem(indicator.source) == "", indicator.source


def test_the_indicator_set_cites_a_public_reference():
    assert public_reference_problem(load_indicators().source) == ""


@pytest.mark.parametrize("name", ["millejours", "petit_pas_grand_pas"])
def test_both_indicator_sets_cite_a_public_reference(name):
    indicators = load_indicators(name)
    assert public_reference_problem(indicators.source) == ""
    for indicator in indicators.indicators:
        assert public_reference_problem(indicator.source) == "", (name, indicator.code)


@pytest.mark.parametrize("template", reports.templates().values(), ids=lambda t: t.name)
def test_report_templates_cite_a_public_reference(template):
    assert public_reference_problem(template.source) == "", template.source


LOCAL_REFERENCE = re.compile(r"/work/|(?<![/\w])(shared|seeds?)/|\bseeds? ?\d{3}\b", re.I)
DATA_FILES = sorted(
    path
    for pattern in ("*/data/**/*.yaml", "*/data/**/*.json", "pathway/calendar/rules/*.yaml")
    for path in Path(millejours.__file__).parent.glob(pattern)
)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_no_data_file_names_a_local_path_or_a_seed(path):
    """Comments included: a reader cannot follow « seed 003 » or a path on our machine."""
    found = [m.group(0) for m in LOCAL_REFERENCE.finditer(path.read_text(encoding="utf-8"))]
    assert not found, found
