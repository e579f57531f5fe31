"""SMS length and segment count: GSM-7 (160/153, extension characters count 2) vs UCS-2 (70/67)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from millejours.outreach.sms import GSM7_BASIC, render, sms_length, unknown_variables


def test_plain_french_without_forcing_accents_is_gsm7():
    info = sms_length("Bonjour Léa, votre entretien prénatal à la PMI est proposé.")
    assert (info.encoding, info.segments) == ("GSM-7", 1)


def test_160_gsm_characters_fit_one_sms_and_161_need_two():
    assert sms_length("a" * 160).segments == 1
    two = sms_length("a" * 161)
    assert (two.segments, two.per_segment, two.remaining) == (2, 153, 306 - 161)
    assert sms_length("a" * 307).segments == 3


def test_extension_characters_count_twice():
    info = sms_length("€" * 80)
    assert (info.encoding, info.units, info.segments) == ("GSM-7", 160, 1)
    assert sms_length("€" * 81).segments == 2


def test_a_cedilla_or_circumflex_forces_ucs2():
    info = sms_length("Ça commence bientôt")
    assert info.encoding == "UCS-2"
    assert info.forcing == ("ô",)  # "Ç" is in the GSM-7 basic set
    assert sms_length("ê" * 70).segments == 1
    assert sms_length("ê" * 71).segments == 2
    assert sms_length("ê" * 135).segments == 3  # 67 per segment


def test_an_emoji_counts_two_utf16_units():
    assert sms_length("👶").units == 2


def test_empty_message_is_zero_sms():
    assert sms_length("").segments == 0


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(GSM7_BASIC), min_size=1, max_size=500))
def test_gsm_segments_match_the_formula(text):
    info = sms_length(text)
    expected = 1 if len(text) <= 160 else -(-len(text) // 153)
    assert (info.encoding, info.segments) == ("GSM-7", expected)


def test_templates_replace_known_variables_and_report_unknown_ones():
    assert render("Bonjour {prenom} !", {"prenom": "Inès"}) == "Bonjour Inès !"
    assert unknown_variables("Bonjour {prenom} {age}") == ["age"]
