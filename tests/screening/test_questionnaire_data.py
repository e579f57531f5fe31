"""The questionnaires are versioned, sourced data with points stored per option."""

from millejours.screening import questionnaires


def test_epds_has_ten_items_of_four_options_in_the_original_order():
    q = questionnaires.epds()
    assert [it.number for it in q.choice_items] == list(range(1, 11))
    for item in q.choice_items:
        points = [o.points for o in item.options]
        expected = [0, 1, 2, 3] if item.number in (1, 2, 4) else [3, 2, 1, 0]
        assert points == expected, item.code


def test_epds_cites_its_french_validation_and_is_marked_for_review():
    q = questionnaires.epds()
    assert "Guedeney" in q.citation and "1998" in q.citation and "Cox" in q.citation
    assert q.review is True
    assert "mot pour mot" in q.review_note


def test_epds_uses_the_validated_french_instructions_verbatim():
    # Guedeney & Fermanian 1998 (« soulignant » → « cochant » on a web form, documented).
    q = questionnaires.epds()
    assert q.intro.startswith("Vous venez d'avoir un bébé. Nous aimerions savoir comment vous")
    assert (
        "durant la semaine, c'est-à-dire sur les 7 jours qui viennent de s'écouler, et pas "
        "seulement au jour d'aujourd'hui" in q.intro
    )
    assert q.intro_pregnancy.startswith("Vous allez avoir un bébé ou vous venez d'en avoir un.")
    assert q.intro_pregnancy.endswith(q.intro.split("Nous aimerions", 1)[1][-60:])


def test_epds_points_are_stored_per_option_in_the_data_file():
    import yaml

    raw = yaml.safe_load((questionnaires.DATA_DIR / questionnaires.CURRENT["epds"]).read_text())
    for item in raw["items"]:
        assert all(isinstance(o["points"], int) for o in item["options"]), item["code"]
        assert sorted(o["points"] for o in item["options"]) == [0, 1, 2, 3]


def test_versions_are_stable_identifiers():
    assert questionnaires.epds().version == "fr-guedeney-1998.v2"
    assert questionnaires.get("epds", "fr-guedeney-1998.v2") is questionnaires.epds()
    # Responses stored with an older version stay readable.
    assert questionnaires.get("epds", "fr-guedeney-1998.v1").version == "fr-guedeney-1998.v1"
    assert questionnaires.epp().version == "vulnerabilites.v2"
    assert questionnaires.get("epp", "vulnerabilites.v1").version == "vulnerabilites.v1"


def test_epp_covers_the_domains_with_orientations_public_sources_and_review():
    # vulnerabilities.md + issue 10: general health and follow-up, working conditions, the
    # co-parent's needs and prevention topics are added to the grid (version 2).
    q = questionnaires.epp()
    assert q.version == "vulnerabilites.v2"
    assert [d.code for d in q.domains] == [
        "addictions",
        "violences",
        "precarite",
        "isolement",
        "sante_psychique",
        "handicap",
        "grossesse",
        "langue_droits",
        "sante_suivi",
        "travail",
        "coparent",
        "prevention",
    ]
    for dom in q.domains:
        assert dom.orientations and dom.review, dom.code
        assert "https://" in dom.source or "Code " in dom.source, dom.code
        assert "⚠" not in dom.source


def _numbers(domain):
    return {
        (o.get("tel") and ("tel", o["tel"])) or ("sms", o["sms"])
        for o in questionnaires.epp().domain(domain).orientations
        if o.get("tel") or o.get("sms")
    }


def test_epp_orientations_give_the_emergency_numbers_of_vulnerabilities_md():
    assert _numbers("violences") == {
        ("tel", "17"),
        ("sms", "114"),
        ("tel", "112"),
        ("tel", "119"),
        ("tel", "3919"),
    }
    assert ("tel", "115") in _numbers("precarite")
    assert ("tel", "3114") in _numbers("sante_psychique")
    assert {("tel", "3989"), ("tel", "0980980930"), ("tel", "0800231313")} <= _numbers("addictions")


def _orientation_codes(domain):
    return {o["code"] for o in questionnaires.epp().domain(domain).orientations}


def test_epp_orientations_name_the_services_of_vulnerabilities_md():
    # the « typical orientations » column of the reference synthesis, domain by domain
    assert {
        "caf",
        "ccas",
        "pmi",
        "assistant_social",
        "pass",
        "cpam",
        "115",
        "aide_alimentaire",
    } <= (_orientation_codes("precarite"))
    assert {"interpretariat", "pass", "cpam", "ame_css"} <= _orientation_codes("langue_droits")
    assert {"visite_pmi", "groupe_parents", "reaap", "laep", "tisf"} <= _orientation_codes(
        "isolement"
    )


def test_epp_details_are_shown_only_when_the_domain_is_positive():
    q = questionnaires.epp()
    item = q.item("violences_precisions")
    assert q.is_shown(item, {"violences": "oui"})
    assert not q.is_shown(item, {"violences": "non"})


def test_epp_hidden_details_are_dropped_and_flags_follow_the_yes_answers():
    from .helpers import epp_answers

    q = questionnaires.epp()
    answers = epp_answers(addictions="oui", isolement="non_aborde")
    answers["violences_precisions"] = "should be dropped"
    cleaned = q.clean(answers)
    assert "violences_precisions" not in cleaned
    assert q.score(cleaned).flags == ("addictions",)
