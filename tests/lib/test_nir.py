"""NIR: 13 characters + a 2-digit key checked by python-stdnum, French messages."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from millejours.lib.errors import InvalidInput
from millejours.lib.nir import normalise_nir


def _with_key(base13: str) -> str:
    number = int(base13.replace("2A", "19").replace("2B", "18"))
    return f"{base13}{97 - number % 97:02d}"


nir_bases = st.builds(
    lambda sex, year, month, dept, commune, order: (
        f"{sex}{year:02d}{month:02d}{dept}{commune:03d}{order:03d}"
    ),
    st.sampled_from([1, 2]),
    st.integers(min_value=0, max_value=99),
    st.integers(min_value=1, max_value=12),
    st.sampled_from(["01", "13", "31", "75", "2A", "2B", "69", "95"]),
    st.integers(min_value=1, max_value=990),
    st.integers(min_value=1, max_value=999),
)


def test_a_valid_nir_is_normalised_without_spaces():
    assert normalise_nir("2 95 10 99 126 111 93") == "295109912611193"


def test_corsican_nirs_are_accepted():
    assert normalise_nir("253072B07300470") == "253072B07300470"


def test_a_wrong_key_is_refused_with_a_french_message():
    with pytest.raises(InvalidInput, match="clé du numéro de sécurité sociale") as exc:
        normalise_nir("295109912611199")
    assert exc.value.code == "nir_key"


def test_a_wrong_length_is_refused():
    with pytest.raises(InvalidInput, match="15 caractères"):
        normalise_nir("29510991261")


def test_a_bad_format_is_refused():
    with pytest.raises(InvalidInput, match="format"):
        normalise_nir("253072C07300443")


@settings(max_examples=100, deadline=None)
@given(nir_bases)
def test_every_nir_with_its_computed_key_is_accepted(base):
    assert normalise_nir(_with_key(base)) == _with_key(base)


@settings(max_examples=100, deadline=None)
@given(nir_bases, st.integers(min_value=1, max_value=96))
def test_every_other_key_is_refused(base, shift):
    good = _with_key(base)
    wrong = f"{base}{(int(good[-2:]) + shift - 1) % 97 + 1:02d}"
    with pytest.raises(InvalidInput) as exc:
        normalise_nir(wrong)
    assert exc.value.code == "nir_key"
