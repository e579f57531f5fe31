"""Reading directory files: CSV (as coordinators have them), XLSX, data·inclusion JSON.

``read_rows(path)`` turns a file into a list of plain dicts (one per data row, column names
normalised); a row that cannot be read carries an ``_invalid`` message instead.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from millejours.lib import safejson
from millejours.lib.errors import InvalidInput
from millejours.lib.tabular import (
    TableRefused,
    UndecodableText,
    WorkbookRefused,
    decode_text,
    detect_delimiter,
    read_csv_rows,
    read_xlsx_rows,
)

# One data row: canonical column name -> text.
Row = dict[str, str]


class ImportFileError(Exception):
    """The file cannot be read at all (message in French)."""


# Accepted column names (after normalisation) -> canonical key.
COLUMN_ALIASES = {
    "id": "id",
    "identifiant": "id",
    "source": "source",
    "nom": "nom",
    "nom_du_service": "nom",
    "structure": "structure",
    "nom_de_la_structure": "structure",
    "structure_id": "structure_id",
    "siret": "siret",
    "typologie": "typologie",
    "type": "typologie",
    "type_de_service": "type_service",
    "type_service": "type_service",
    "thematiques": "thematiques",
    "themes": "thematiques",
    "publics": "publics",
    "modes_accueil": "modes_accueil",
    "zone_eligibilite": "zone_eligibilite",
    "description": "description",
    "presentation_resume": "description",
    "adresse": "adresse",
    "complement_adresse": "complement_adresse",
    "code_postal": "code_postal",
    "commune": "commune",
    "code_insee": "code_insee",
    "latitude": "latitude",
    "longitude": "longitude",
    "telephone": "telephone",
    "courriel": "courriel",
    "email": "courriel",
    "site_web": "site_web",
    "horaires": "horaires",
    "horaires_accueil": "horaires",
    "horaires_ouverture": "horaires",
    "langues": "langues",
    "accessibilite": "accessibilite",
    "accessibilite_lieu": "accessibilite_url",
    "frais": "frais",
    "statut": "statut",
    "date_verification": "date_verification",
    "date_maj": "date_verification",
    "contact_prive_nom": "contact_prive_nom",
    "contact_prive_telephone": "contact_prive_telephone",
    "contact_prive_courriel": "contact_prive_courriel",
}


def normalise_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")
    return COLUMN_ALIASES.get(text, text)


def decode_bytes(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252."""
    try:
        return decode_text(raw)
    except UndecodableText as exc:
        raise ImportFileError(
            "Encodage du fichier non reconnu (UTF-8 ou Windows-1252 attendu)."
        ) from exc


def read_csv_text(text: str) -> list[Row]:
    try:
        rows = read_csv_rows(text, delimiter=detect_delimiter(text))
    except TableRefused as exc:
        raise ImportFileError(str(exc)) from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ImportFileError("Le fichier est vide.")
    header = [normalise_key(cell) for cell in rows[0]]
    if "nom" not in header and "id" not in header:
        raise ImportFileError(
            "En-tête introuvable : la première ligne doit nommer les colonnes (id, nom…)."
        )
    out: list[Row] = []
    for row in rows[1:]:
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            out.append(
                {
                    "_invalid": "Plus de valeurs que de colonnes : un séparateur non protégé par des guillemets ?"
                }
            )
            continue
        out.append(
            {header[i]: (row[i].strip() if i < len(row) else "") for i in range(len(header))}
        )
    return out


def read_xlsx(path: Path) -> list[Row]:
    try:
        rows = read_xlsx_rows(str(path))
    except WorkbookRefused as exc:
        raise ImportFileError(str(exc)) from None
    rows = [r for r in rows if any(c not in (None, "") for c in r)]
    if not rows:
        raise ImportFileError("Le classeur est vide.")
    header = [normalise_key(c) for c in rows[0]]
    return [
        {key: _xlsx_cell(row[i] if i < len(row) else None, key) for i, key in enumerate(header)}
        for row in rows[1:]
    ]


def _xlsx_cell(value: object, key: str) -> str:
    """A cell as text: whole numbers without ``.0`` (but coordinates), dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, float) and key not in {"latitude", "longitude"} and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()[:10]
    return str(value).strip()


def read_json(text: str) -> list[Row]:
    """data·inclusion JSON: ``{"structures": [...], "services": [...]}`` or a list of services."""
    try:
        data = safejson.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"JSON illisible : {exc.msg} (ligne {exc.lineno}).") from exc
    except InvalidInput as exc:
        raise ImportFileError(exc.message) from None
    structures: list[Any]
    services: list[Any]
    if isinstance(data, list):
        structures, services = [], data
    elif isinstance(data, dict) and isinstance(data.get("services"), list):
        structures, services = data.get("structures") or [], data["services"]
    else:
        raise ImportFileError(
            'JSON inattendu : une liste de services ou un objet {"structures", "services"}.'
        )
    by_id = {s.get("id"): s for s in structures if isinstance(s, dict)}
    return [
        _json_row(item, by_id)
        if isinstance(item, dict)
        else {"_invalid": "Élément JSON qui n'est pas un objet."}
        for item in services
    ]


def _json_row(item: dict[str, Any], structures: dict[Any, dict[str, Any]]) -> Row:
    """A data·inclusion service, with its structure's name, SIRET and typology, as a row."""
    structure = structures.get(item.get("structure_id"), {})
    row = {normalise_key(k): v for k, v in item.items()}
    row["structure"] = row.get("structure") or structure.get("nom") or ""
    row["siret"] = structure.get("siret") or ""
    row["typologie"] = row.get("typologie") or structure.get("typologie") or ""
    for key in ("thematiques", "publics", "modes_accueil", "zone_eligibilite", "langues"):
        if isinstance(row.get(key), list):
            row[key] = "|".join(str(v) for v in row[key])
    for key in ("latitude", "longitude"):
        if row.get(key) is None:
            row[key] = ""
    return {k: ("" if v is None else v if isinstance(v, str) else str(v)) for k, v in row.items()}


def detect_format(path: Path, raw: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in {".csv", ".txt"}:
        return "csv"
    if suffix in {".xlsx", ".xlsm"}:
        return "xlsx"
    if suffix == ".json":
        return "json"
    if raw.startswith(b"PK\x03\x04"):
        return "xlsx"
    if raw.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] in {b"{", b"["}:
        return "json"
    return "csv"


def read_rows(path: Path | str) -> tuple[str, list[Row]]:
    """The file's format (csv, xlsx or json) and its data rows."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"Fichier illisible : {path} ({exc.strerror}).") from exc
    kind = detect_format(path, raw)
    if kind == "xlsx":
        return kind, read_xlsx(path)
    text = decode_bytes(raw)
    if kind == "json":
        return kind, read_json(text)
    return kind, read_csv_text(text)
