"""Mobile phone numbers: metropolitan and overseas mobiles accepted, anything else refused."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from millejours.lib.errors import InvalidInput
from millejours.lib.phone import format_mobile, normalise_mobile


@pytest.mark.parametrize(
    ("entered", "e164"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("07.81.23.45.67", "+33781234567"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033612345678", "+33612345678"),
        ("0692 12 34 56", "+262692123456"),  # La Réunion
        ("+262 692 12 34 56", "+262692123456"),
        ("0639 01 23 45", "+262639012345"),  # Mayotte (+262)
        ("0690 00 12 34", "+590690001234"),  # Guadeloupe
        ("+594 694 20 12 34", "+594694201234"),  # Guyane
        ("0696 12 34 56", "+596696123456"),  # Martinique
    ],
)
def test_french_and_overseas_mobiles_are_accepted(entered, e164):
    assert normalise_mobile(entered) == e164


@pytest.mark.parametrize(
    "landline", ["01 43 12 34 56", "05 61 00 00 00", "+33 1 43 12 34 56", "0262 21 00 00"]
)
def test_a_landline_is_refused_as_not_a_mobile(landline):
    with pytest.raises(InvalidInput, match="n'est pas un numéro de mobile") as exc:
        normalise_mobile(landline)
    assert exc.value.code == "phone_not_mobile"


def test_a_foreign_mobile_is_refused():
    with pytest.raises(InvalidInput, match="mobile français"):
        normalise_mobile("+32 470 12 34 56")


@pytest.mark.parametrize("garbage", ["0612", "12", "06 12 34 56 78 90 12"])
def test_an_invalid_number_is_refused(garbage):
    with pytest.raises(InvalidInput) as exc:
        normalise_mobile(garbage)
    assert exc.value.code in {"phone_invalid", "phone_not_mobile"}


def test_an_empty_value_asks_for_a_number():
    with pytest.raises(InvalidInput, match="Indiquez un numéro"):
        normalise_mobile("  ")


def test_metropolitan_mobiles_are_displayed_nationally():
    assert format_mobile("+33612345678") == "06 12 34 56 78"


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["6", "7"]),
    st.integers(min_value=10_000_000, max_value=99_999_999),
    st.sampled_from(["", " ", "."]),
)
def test_a_metropolitan_mobile_gives_the_same_e164_written_nationally_or_internationally(
    first, rest, sep
):
    digits = f"{first}{rest}"
    national = "0" + sep.join([digits[0], digits[1:3], digits[3:5], digits[5:7], digits[7:9]])
    try:
        international = normalise_mobile("+33" + digits)
    except InvalidInput:
        international = None
    if international is not None:
        assert normalise_mobile(national) == international == "+33" + digits
    else:
        # Not a metropolitan mobile: either refused or an overseas mobile (0690 → +590…).
        try:
            assert not normalise_mobile(national).startswith("+33")
        except InvalidInput:
            pass


def test_overseas_mobiles_are_displayed_internationally_and_legacy_national_values_are_grouped():
    assert format_mobile("+262692123456") == "+262 692 12 34 56"
    assert format_mobile("0612345678") == "06 12 34 56 78"
