"""The check-up as versioned data, and the ``millejours checkup domains`` contract."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from millejours.checkup import questionnaire
from millejours.lib.cli import Erreur
from millejours.screening import questionnaires as engine
from millejours.screening.questionnaires import AnswerError

SEED_ORDER = ["activites", "consommations", "relations", "soins", "repos", "environnement"]


def test_the_six_domains_come_in_the_order_of_the_seed():
    assert list(questionnaire.get().domain_codes) == SEED_ORDER


def test_every_knowledge_item_cites_a_public_source_and_awaits_clinical_review():
    q = questionnaire.get()
    items = [qu.knowledge for qu in q.questions if qu.knowledge]
    assert len(items) >= 4
    for k in items:
        assert k.source.startswith("https://")
        assert k.review is True
        assert k.answer in {"vrai", "faux"}


def test_flags_use_the_domains_of_the_epp_grid():
    epp_domains = {d.code for d in engine.epp().domains}
    flagged = {qu.flag_domain for qu in questionnaire.get().questions if qu.flag_domain}
    assert flagged >= {"addictions", "violences", "precarite", "isolement", "sante_psychique"}
    assert flagged <= epp_domains


def test_one_flag_per_epp_domain_from_the_answers():
    flags = questionnaire.get().flags(
        {"tabac": "oui", "alcool": "oui", "violence": "non", "argent": "oui"}
    )
    assert flags == [("addictions", "tabac"), ("precarite", "argent")]


def test_an_unknown_answer_is_refused_in_french():
    with pytest.raises(AnswerError, match="Réponse inconnue"):
        questionnaire.get().clean({"tabac": "peut-etre"})


def test_rulers_go_from_zero_to_ten():
    q = questionnaire.get()
    assert q.clean_motivation({"repos": {"talk": "on", "importance": "8", "confidence": "3"}})[
        "repos"
    ] == {"talk": True, "importance": 8, "confidence": 3}
    with pytest.raises(AnswerError, match="0 à 10"):
        q.clean_motivation({"repos": {"importance": "11"}})


def test_knowledge_feedback_explains_the_answer():
    rows = questionnaire.get().knowledge_feedback({"alcool_vrai_faux": "vrai"})
    alcohol = next(r for r in rows if r["knowledge"].code == "alcool_vrai_faux")
    assert alcohol["correct"] is False and alcohol["answer_label"] == "Faux"


def test_command_domains_json_contract():
    out = StringIO()
    call_command("checkup", "domains", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert list(data) == ["domains"]
    assert [d["code"] for d in data["domains"]] == SEED_ORDER
    for row in data["domains"]:
        assert set(row) == {"code", "label", "questions"} and row["questions"] > 0
    assert data["domains"][2]["label"] == "Relations aux autres"


def test_command_bad_format_is_a_french_error_with_exit_code_2():
    with pytest.raises(Erreur) as exc:
        call_command("checkup", "domains", "--format", "xml")
    assert exc.value.returncode == 2
    assert "choix invalide" in str(exc.value)


def test_a_checkup_without_any_answer_is_refused():
    with pytest.raises(AnswerError, match="au moins une question"):
        questionnaire.get().clean({"tabac": ""})
