"""The CSV files coordinators really have: encodings and delimiters."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from millejours.lib.tabular import UndecodableText, decode_text, detect_delimiter

TEXT = "nom;prénom;commune\nMaëlle;Zoé;Ramonville-Saint-Agne\n"


@pytest.mark.parametrize(
    "raw",
    [TEXT.encode("utf-8"), b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT.encode("cp1252")],
    ids=["utf-8", "utf-8 with BOM", "windows-1252"],
)
def test_every_encoding_coordinators_use_decodes_to_the_same_text(raw):
    assert decode_text(raw) == TEXT


def test_bytes_that_are_neither_utf8_nor_windows_1252_are_refused():
    with pytest.raises(UndecodableText):
        decode_text(b"\x81\x8d\x8f")  # undefined in Windows-1252 and invalid UTF-8


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_delimiter_is_read_on_the_header_line(delimiter):
    text = (
        delimiter.join(["id", "nom", "adresse"])
        + "\n1"
        + delimiter
        + "PMI"
        + delimiter
        + "1, rue; du Parc\n"
    )
    assert detect_delimiter(text) == delimiter


def test_a_single_column_file_defaults_to_semicolon():
    assert detect_delimiter("nom\nDupont\n") == ";"


@settings(max_examples=50, deadline=None)
@given(
    st.sampled_from([";", ",", "\t"]),
    st.lists(st.text(alphabet="abcdéè_", min_size=1, max_size=8), min_size=2, max_size=8),
)
def test_any_header_is_split_on_its_own_delimiter(delimiter, names):
    assert detect_delimiter(delimiter.join(names) + "\n") == delimiter
