"""SMS length and segment count: GSM-7 (160/153, extension characters count 2) vs UCS-2 (70/67).

The segment count is checked against an independent reference: the ``gsm0338`` codec
(PyPI) says which characters GSM-7 can carry and how many septets each takes, and a
plain greedy split fills concatenated segments without splitting a character.
"""

import gsm0338  # noqa: F401  (registers the "gsm03.38" codec)
from hypothesis import given, settings
from hypothesis import strategies as st

from millejours.outreach.sms import (
    GSM7_BASIC,
    GSM7_EXTENSION,
    render,
    sms_length,
    unknown_variables,
)


def reference_segments(text: str) -> tuple[str, int]:
    """(encoding, number of SMS) computed without the code under test."""
    try:
        if "\x1b" in text:  # a bare escape cannot be sent as text
            raise UnicodeEncodeError("gsm03.38", text, 0, 1, "escape")
        sizes = [len(c.encode("gsm03.38")) for c in text]
        encoding, single, multi = "GSM-7", 160, 153
    except UnicodeEncodeError:
        sizes = [len(c.encode("utf-16-be")) // 2 for c in text]
        encoding, single, multi = "UCS-2", 70, 67
    if not text:
        return encoding, 0
    if sum(sizes) <= single:
        return encoding, 1
    chunks, current = [], 0
    for size in sizes:
        if current + size > multi:
            chunks.append(current)
            current = 0
        current += size
    chunks.append(current)
    return encoding, len(chunks)


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


def test_an_extension_character_never_straddles_two_segments():
    # 152 septets, then "€" (2 septets): it cannot start at the 153rd septet of segment 1.
    text = "a" * 152 + "€" + "a" * 152
    info = sms_length(text)
    assert info.units == 306  # 2 × 153 would fit if characters could be cut
    assert (info.segments, info.remaining) == (3, 153 - 1)
    # With 151 septets before, the escape pair ends segment 1 exactly.
    assert sms_length("a" * 151 + "€" + "a" * 153).segments == 2


def test_a_surrogate_pair_is_not_split_between_ucs2_segments():
    text = "ê" * 66 + "👶" + "ê" * 66
    info = sms_length(text)
    assert (info.encoding, info.units) == ("UCS-2", 134)
    assert info.segments == 3
    assert sms_length("ê" * 65 + "👶" + "ê" * 67).segments == 2


def test_a_single_sms_holds_160_septets_even_with_extension_characters_at_the_end():
    assert sms_length("a" * 158 + "€").segments == 1
    assert sms_length("a" * 159 + "€").segments == 2


FRENCH_SMS = st.text(
    alphabet=st.one_of(
        st.sampled_from(GSM7_BASIC + GSM7_EXTENSION),
        st.sampled_from("çêâîôûœ«»’–…"),
        st.sampled_from("👶🍼❤️😀"),
    ),
    max_size=700,
)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(GSM7_BASIC + GSM7_EXTENSION * 8), min_size=140, max_size=800)
)
def test_gsm7_segments_match_the_reference_around_boundaries(text):
    info = sms_length(text)
    assert (info.encoding, info.segments) == reference_segments(text)


@settings(max_examples=300, deadline=None)
@given(FRENCH_SMS)
def test_segments_match_the_reference_on_generated_french_texts(text):
    info = sms_length(text)
    assert (info.encoding, info.segments) == reference_segments(text)
    assert 0 <= info.remaining <= info.per_segment
