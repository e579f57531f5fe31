"""The synthetic families: deterministic, every stage of the 1000 days, synthetic identifiers."""

from datetime import date, timedelta

import phonenumbers  # noqa: F401 - documents that fictitious numbers are not validated here
import pytest
from stdnum.fr import nir

from millejours.core.demo import family_specs, synthetic_nir

TODAY = date(2026, 3, 15)
CODES = ["31113", "31446", "31169"]
WEIGHTS = [13529, 14388, 6660]


@pytest.fixture(scope="module")
def specs():
    return family_specs(300, seed=1000, today=TODAY, codes=CODES, weights=WEIGHTS)


def test_the_same_seed_gives_the_same_families(specs):
    again = family_specs(300, seed=1000, today=TODAY, codes=CODES, weights=WEIGHTS)
    assert [(s.reference, s.mother["first_name"], s.lmp) for s in again] == [
        (s.reference, s.mother["first_name"], s.lmp) for s in specs
    ]


def test_a_smaller_run_is_a_prefix_of_a_larger_one(specs):
    small = family_specs(20, seed=1000, today=TODAY, codes=CODES, weights=WEIGHTS)
    assert [s.reference for s in small] == [s.reference for s in specs[:20]]


def test_references_are_unique_and_marked_as_demo(specs):
    refs = [s.reference for s in specs]
    assert len(set(refs)) == len(refs)
    assert all(r.startswith("F-D") and len(r) == 10 for r in refs)


def test_families_cover_pregnancy_and_children_up_to_two_years(specs):
    pregnant = [s for s in specs if not s.children]
    born = [s for s in specs if s.children]
    assert 50 < len(pregnant) < 150
    weeks = sorted((TODAY - s.lmp).days // 7 for s in pregnant)
    assert weeks[0] < 10 and weeks[-1] >= 36
    ages = sorted((TODAY - s.children[0].birth_date).days for s in born)
    assert ages[0] < 60 and ages[-1] > 650 and ages[-1] < 730
    assert any(s.fetus_count == 2 and len(s.children) == 2 for s in specs)
    assert any(c.ga_weeks < 37 for s in born for c in s.children)
    assert any(s.first_child for s in specs) and any(not s.first_child for s in specs)


def test_pregnancy_dates_are_plausible(specs):
    for s in specs:
        if s.children:
            for child in s.children:
                assert child.birth_date >= s.lmp + timedelta(weeks=22)
                assert child.birth_date <= TODAY
        else:
            assert TODAY - timedelta(weeks=45) < s.lmp < TODAY
        assert s.declared_on is None or s.lmp < s.declared_on <= TODAY


def test_identifiers_are_synthetic_but_well_formed(specs):
    for s in specs:
        people = [s.mother] + ([s.partner] if s.partner else [])
        for person in people:
            assert nir.is_valid(person["nir"])
            assert 900 <= int(person["nir"][10:13]) <= 999
            assert person["phone"].startswith("063998") and len(person["phone"]) == 10
        assert s.mother["email"].endswith("@exemple.test")


def test_synthetic_nir_encodes_sex_birth_month_and_commune():
    value = synthetic_nir(2, date(1991, 7, 4), "31113", 5)
    assert value.startswith("2910731113905")
    assert nir.is_valid(value)


def test_the_first_family_is_the_demo_parent_s_followed_by_the_sage_femme(specs):
    first = specs[0]
    assert first.is_parent_demo and first.team == ("sagefemme",)
    assert first.children and (TODAY - first.children[0].birth_date).days == 75
    assert not any(s.is_parent_demo for s in specs[1:])


def test_care_teams_split_between_the_sage_femme_and_the_pmi(specs):
    sagefemme = sum("sagefemme" in s.team for s in specs)
    pmi = sum("pmi" in s.team for s in specs)
    both = sum(set(s.team) == {"sagefemme", "pmi"} for s in specs)
    assert 100 < sagefemme < 200 and 100 < pmi < 200
    assert 10 < both < 80
