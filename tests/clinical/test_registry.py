"""The registry lists every rule marked ``review: true``, each with a public source."""

from millejours.clinical import registry
from millejours.indicators.definitions import load as load_indicators
from millejours.pathway.calendar.rules import get_rules
from millejours.screening import questionnaires


def keys(kind):
    return {(r.code, r.version) for r in registry.flagged_rules() if r.kind == kind}


def test_every_flagged_calendar_rule_is_listed_with_its_version():
    expected = {(r.code, r.version) for r in get_rules().rules if r.review}
    assert expected and keys("calendrier") == expected


def test_the_epds_thresholds_and_tasks_are_listed():
    version = questionnaires.epds().version
    listed = keys("questionnaire")
    for code in (
        "epds",
        "epds.niveau.bas",
        "epds.niveau.vigilance",
        "epds.niveau.eleve",
        "epds.signal.contact_offer",
        "epds.signal.alert",
        "epds.tache.epds_item10",
        "epds.tache.epds_positif",
    ):
        assert (code, version) in listed, code


def test_every_epp_domain_is_listed():
    q = questionnaires.epp()
    listed = keys("questionnaire")
    for dom in q.domains:
        assert (f"epp.domaine.{dom.code}", q.version) in listed


def test_flagged_indicators_are_listed():
    expected = {(i.code, i.version) for i in load_indicators().indicators if i.review}
    assert expected and keys("indicateur") == expected


def test_public_reference_check():
    ok = registry.public_reference_problem
    assert ok("https://www.has-sante.fr/jcms/p_3084228/fr/x") == ""
    assert ok("Code de la santé publique, art. L. 2122-1") == ""
    assert ok("/work/shared/seeds/001 (point I.5)") != ""
    assert ok("seed 002") != ""
    assert ok("Fiche action n°1, indicateur 2") != ""
    assert ok("Mille Jours") != ""
    assert ok("") != ""
