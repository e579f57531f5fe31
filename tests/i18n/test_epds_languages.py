"""The EPDS in another language: a validated translation only, identical scoring.

English: the original wording (Cox, Holden & Sagovsky 1987), stored as data next to the
French questionnaire, ``review: true`` until the medical referent checks it. Arabic: no
validated text, so the page says so (in Arabic) and shows the French questionnaire.
"""

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from millejours.clinical.registry import flagged_rules
from millejours.screening import questionnaires, translations
from millejours.screening.models import Response
from tests.screening.helpers import epds_for_points

COOKIE = settings.LANGUAGE_COOKIE_NAME
COX_ITEM_1 = "I have been able to laugh and see the funny side of things"
COX_ITEM_10 = "The thought of harming myself has occurred to me"
FRENCH_ITEM_8 = "Je me suis sentie triste ou peu heureuse"


def english():
    return translations.wording(questionnaires.epds(), "en")


def test_english_uses_the_original_cox_1987_wording():
    shown = english()
    assert (shown.language, shown.validated_translation) == ("en", True)
    q = shown.questionnaire
    assert q.item("q1").text == COX_ITEM_1
    assert q.item("q10").text == COX_ITEM_10
    assert [o.label for o in q.item("q10").options] == [
        "Yes, quite often",
        "Sometimes",
        "Hardly ever",
        "Never",
    ]
    assert "Br J Psychiatry 1987;150:782-6" in q.citation
    assert q.recall == "In the past 7 days"


def test_the_translation_keeps_the_french_points_levels_and_version():
    french, shown = questionnaires.epds(), english().questionnaire
    assert shown.version == french.version
    assert (shown.levels, shown.signals, shown.alerts) == (
        french.levels,
        french.signals,
        french.alerts,
    )
    for fr_item, en_item in zip(french.items, shown.items, strict=True):
        assert [(o.code, o.points) for o in fr_item.options] == [
            (o.code, o.points) for o in en_item.options
        ]


def test_arabic_has_no_validated_translation_and_falls_back_to_french():
    shown = translations.wording(questionnaires.epds(), "ar")
    assert (shown.language, shown.validated_translation) == ("fr", False)
    assert shown.questionnaire is questionnaires.epds()


def test_a_translation_with_other_options_is_refused():
    data = translations.load_translation(translations.FILES[("epds", "en")])
    broken = {**data, "items": {**data["items"], "q3": {"text": "x", "options": {"a": "y"}}}}
    with pytest.raises(translations.TranslationMismatch):
        translations.translated(questionnaires.epds(), broken)


def test_the_translation_is_listed_for_the_medical_referent():
    data = translations.load_translation(translations.FILES[("epds", "en")])
    assert data["review"] is True
    rule = next(r for r in flagged_rules() if r.code == "epds.traduction.en")
    assert rule.source == "https://doi.org/10.1192/bjp.150.6.782"
    assert rule.version == "en-cox-1987.v1"


answers_positions = st.lists(st.integers(min_value=0, max_value=3), min_size=10, max_size=10)


@hsettings(max_examples=200, deadline=None)
@given(answers_positions)
def test_same_answers_same_score_and_same_alert_in_french_and_english(positions):
    french = questionnaires.epds()
    shown = english().questionnaire
    answers = french.answers_from_positions(positions)
    assert shown.answers_from_positions(positions) == answers
    fr, en = french.score(french.clean(answers)), shown.score(shown.clean(answers))
    assert fr.as_contract() == en.as_contract()
    assert (fr.level, fr.points) == (en.level, en.points)
    assert french.alert_for(fr) == shown.alert_for(en)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "ar"])
def test_the_stored_response_does_not_depend_on_the_language(client, language):
    client.cookies[COOKIE] = language
    client.post("/reperage/epds/test/", epds_for_points([0] * 9 + [1]))
    stored = Response.objects.get()
    assert (stored.total, stored.level, stored.alert, stored.contact_offer) == (
        1,
        "eleve",
        True,
        True,
    )
    assert stored.version == questionnaires.epds().version


@pytest.mark.django_db
def test_the_english_page_shows_cox_wording(client):
    client.cookies[COOKIE] = "en"
    html = client.get("/reperage/epds/test/").content.decode()
    assert COX_ITEM_1 in html and FRENCH_ITEM_8 not in html
    assert "See my result" in html
    assert "epds-language-notice" not in html


@pytest.mark.django_db
def test_the_arabic_page_says_so_and_offers_the_french_questionnaire(client):
    client.cookies[COOKIE] = "ar"
    html = client.get("/reperage/epds/test/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "هذا الاستبيان غير متوفر بعد بلغتكِ في ترجمة معتمدة علميًا." in html
    assert '<div lang="fr" dir="ltr" class="questionnaire-words" id="epds-questionnaire">' in html
    assert FRENCH_ITEM_8 in html
    assert "عرض نتيجتي" in html  # the button stays in Arabic


@pytest.mark.django_db
def test_the_arabic_result_page_with_item_10(client):
    client.cookies[COOKIE] = "ar"
    page = client.post("/reperage/epds/test/", epds_for_points([0] * 9 + [1]), follow=True)
    html = page.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "راودتكِ أحيانًا فكرة إيذاء نفسكِ" in html
    assert "نتيجة مرتفعة" in html  # « Score élevé », never reassuring
    for number in ("3114", "15", "112"):
        assert f'href="tel:{number}"' in html


@pytest.mark.django_db
def test_a_missing_answer_message_is_translated(client):
    client.cookies[COOKIE] = "en"
    answers = epds_for_points([0] * 10)
    del answers["q7"]
    html = client.post("/reperage/epds/test/", answers).content.decode()
    assert "Please answer the question" in html
    assert not Response.objects.exists()


@pytest.mark.django_db
def test_the_professional_epds_stays_french(client, login, sagefemme, family):
    login(sagefemme)
    client.cookies[COOKIE] = "en"
    html = client.get(f"/reperage/familles/{family.pk}/epds/").content.decode()
    assert FRENCH_ITEM_8 in html and COX_ITEM_1 not in html
    assert '<html lang="fr" dir="ltr">' in html
