"""Reading and validating directory files: CSV (as coordinators have them), XLSX, JSON.

``read_rows(path)`` turns a file into a list of plain dicts (one per data row, column names
normalised); ``validate_row`` checks one row and returns ``(ServiceRecord, errors)``;
``services.resources_import`` writes the accepted rows atomically.

Row numbers: data rows are counted from 1 (the header line of a CSV/XLSX is not counted).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.text import slugify

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

from . import geo, opening_hours, vocabulary


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

STATUS_ALIASES = {
    "": "publie",
    "publie": "publie",
    "publiee": "publie",
    "brouillon": "brouillon",
    "archive": "archive",
    "archivee": "archive",
}


def normalise_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")
    return COLUMN_ALIASES.get(text, text)


def _ascii_lower(value: str) -> str:
    return unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().strip().lower()


# --- Reading -------------------------------------------------------------------------


def decode_bytes(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252."""
    try:
        return decode_text(raw)
    except UndecodableText as exc:
        raise ImportFileError(
            "Encodage du fichier non reconnu (UTF-8 ou Windows-1252 attendu)."
        ) from exc


sniff_delimiter = detect_delimiter


def read_csv_text(text: str) -> list[dict]:
    try:
        rows = read_csv_rows(text, delimiter=sniff_delimiter(text))
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
    out = []
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


def read_xlsx(path: Path) -> list[dict]:
    try:
        rows = read_xlsx_rows(path)
    except WorkbookRefused as exc:
        raise ImportFileError(str(exc)) from None
    rows = [r for r in rows if any(c not in (None, "") for c in r)]
    if not rows:
        raise ImportFileError("Le classeur est vide.")
    header = [normalise_key(c) for c in rows[0]]
    out = []
    for row in rows[1:]:
        item = {}
        for i, key in enumerate(header):
            value = row[i] if i < len(row) else None
            if value is None:
                value = ""
            elif (
                isinstance(value, float)
                and key not in {"latitude", "longitude"}
                and value.is_integer()
            ):
                value = str(int(value))
            elif isinstance(value, date):
                value = value.isoformat()[:10]
            item[key] = str(value).strip()
        out.append(item)
    return out


def read_json(text: str) -> list[dict]:
    """data·inclusion JSON: ``{"structures": [...], "services": [...]}`` or a list of services."""
    try:
        data = safejson.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"JSON illisible : {exc.msg} (ligne {exc.lineno}).") from exc
    except InvalidInput as exc:
        raise ImportFileError(exc.message) from None
    if isinstance(data, list):
        structures, services = [], data
    elif isinstance(data, dict) and isinstance(data.get("services"), list):
        structures, services = data.get("structures") or [], data["services"]
    else:
        raise ImportFileError(
            'JSON inattendu : une liste de services ou un objet {"structures", "services"}.'
        )
    by_id = {s.get("id"): s for s in structures if isinstance(s, dict)}
    rows = []
    for item in services:
        if not isinstance(item, dict):
            rows.append({"_invalid": "Élément JSON qui n'est pas un objet."})
            continue
        structure = by_id.get(item.get("structure_id"), {})
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
        rows.append(
            {k: ("" if v is None else v if isinstance(v, str) else str(v)) for k, v in row.items()}
        )
    return rows


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


def read_rows(path: Path) -> tuple[str, list[dict]]:
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


# --- Validation ------------------------------------------------------------------------


@dataclass
class ServiceRecord:
    source: str
    source_id: str
    name: str
    structure_name: str
    structure_id: str
    siret: str = ""
    typologie: str = ""
    type_service: str = ""
    thematiques: list[str] = field(default_factory=list)
    publics: list[str] = field(default_factory=list)
    modes_accueil: list[str] = field(default_factory=list)
    zone_eligibilite: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    description: str = ""
    address: str = ""
    postcode: str = ""
    commune_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    phone: str = ""
    email: str = ""
    website: str = ""
    opening_hours: str = ""
    accessibility: str = ""
    accessibility_url: str = ""
    frais: str = ""
    status: str = "publie"
    last_checked_on: date | None = None
    private_contact_name: str = ""
    private_phone: str = ""
    private_email: str = ""
    # Problems that do not reject the row (French), reported with the row number.
    warnings: list[str] = field(default_factory=list)


def split_codes(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[|]", value or "") if part.strip()]


def _float(value: str, label: str, errors: list[str]) -> float | None:
    value = (value or "").strip().replace(",", ".")
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        errors.append(f"{label} invalide : « {value} » n'est pas un nombre.")
        return None
    if number != number or number in (float("inf"), float("-inf")):
        errors.append(f"{label} invalide : « {value} ».")
        return None
    return number


def _check_codes(
    values: list[str],
    allowed: dict[str, str],
    label: str,
    errors: list[str],
    *,
    ignored: bool = False,
) -> list[str]:
    unknown = [v for v in values if v not in allowed]
    for value in unknown:
        errors.append(f"{label} inconnue{' ignorée' if ignored else ''} : « {value} ».")
    return [v for v in values if v in allowed]


def validate_row(
    row: dict, *, default_source: str, communes: dict[str, object]
) -> tuple[ServiceRecord | None, list[str]]:
    """Check one row; ``communes`` maps INSEE code -> (pk, lat, lon)."""
    errors: list[str] = []
    notes: list[str] = []  # warnings: the row is imported
    if "_invalid" in row:
        return None, [row["_invalid"]]
    get = lambda key: str(row.get(key, "") or "").strip()  # noqa: E731

    source = slugify(get("source")) or default_source
    source_id = get("id")
    if not source_id:
        errors.append("Identifiant (colonne « id ») manquant.")
    elif source_id.startswith(f"{source}--"):
        source_id = source_id[len(source) + 2 :]
    name = get("nom")
    if not name:
        errors.append("Nom du service (colonne « nom ») manquant.")
    elif len(name) < 3 or len(name) > 150:
        errors.append("Nom du service : entre 3 et 150 caractères.")
    structure_name = get("structure") or name
    if len(structure_name) > 150:
        errors.append("Nom de la structure : 150 caractères au plus.")
    structure_id = get("structure_id") or slugify(structure_name)[:200]
    if structure_id.startswith(f"{source}--"):
        structure_id = structure_id[len(source) + 2 :]

    typologie = get("typologie")
    if typologie:
        key = slugify(typologie)
        if key in vocabulary.typologies():
            typologie = key
        else:
            by_label = {slugify(label): code for code, label in vocabulary.typologies().items()}
            if key in by_label:
                typologie = by_label[key]
            else:  # optional: kept out, the row is imported with a warning
                notes.append(f"Typologie inconnue ignorée : « {typologie} ».")
                typologie = ""
    type_service = get("type_service")
    if type_service and type_service not in vocabulary.types_service():
        errors.append(f"Type de service inconnu : « {type_service} ».")

    themes = _check_codes(  # optional: an unknown theme is left out with a warning
        split_codes(get("thematiques")), vocabulary.thematiques(), "Thématique", notes, ignored=True
    )
    publics = _check_codes(
        split_codes(get("publics")), vocabulary.publics(), "Catégorie de public", errors
    )
    if "tous-publics" in publics and len(publics) > 1:
        errors.append("Le public « tous-publics » ne peut pas être combiné avec d'autres publics.")
    modes = _check_codes(
        split_codes(get("modes_accueil")), vocabulary.modes_accueil(), "Modalité d'accueil", errors
    )
    languages = [code.lower() for code in split_codes(get("langues"))]
    zone = split_codes(get("zone_eligibilite"))
    for code in zone:
        if code != "france" and not re.fullmatch(r"\w{2,3}|\w{5}|\d{9}", code):
            errors.append(f"Code de zone d'éligibilité invalide : « {code} ».")

    insee = get("code_insee")
    commune_id = None
    commune_coords = None
    if insee:
        if len(insee) == 4 and insee.isdigit():
            insee = "0" + insee  # spreadsheets drop the leading zero
        info = communes.get(insee.upper())
        if info is None:
            errors.append(f"Code INSEE inconnu : « {insee} ».")
        else:
            commune_id, commune_coords = info[0], (info[1], info[2])
    lat = _float(get("latitude"), "Latitude", errors)
    lon = _float(get("longitude"), "Longitude", errors)
    if (lat is None) != (lon is None):
        errors.append("Coordonnées incomplètes : latitude et longitude vont ensemble.")
    elif lat is not None and lon is not None:
        if not geo.valid_coordinates(lat, lon):
            errors.append(f"Coordonnées impossibles : {lat}, {lon}.")
        elif not geo.in_france(lat, lon):
            errors.append(f"Coordonnées hors de France (métropole et outre-mer) : {lat}, {lon}.")
    elif commune_coords and commune_coords[0] is not None:
        lat, lon = commune_coords  # offline geocoding: the town hall of the commune
    elif not insee:
        errors.append("Localisation manquante : indiquer le code INSEE ou les coordonnées.")

    hours, hours_warning = _opening_hours(get("horaires"))

    email = get("courriel")
    private_email = get("contact_prive_courriel")
    for value, label in (
        (email, "Courriel"),
        (private_email, "Courriel réservé aux professionnels"),
    ):
        if value:
            try:
                EmailValidator()(value)
            except ValidationError:
                errors.append(f"{label} invalide : « {value} ».")
    website = get("site_web")
    access_url = get("accessibilite_url")
    for value, label in ((website, "Site web"), (access_url, "Lien Accès libre")):
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                errors.append(f"{label} invalide : « {value} ».")
    postcode = get("code_postal")
    if postcode and not re.fullmatch(r"\d{5}", postcode):
        errors.append(f"Code postal invalide : « {postcode} ».")
    siret = re.sub(r"\s", "", get("siret"))
    if siret and not re.fullmatch(r"\d{14}", siret):
        errors.append(f"SIRET invalide : « {siret} » (14 chiffres).")
    frais = get("frais")
    if frais and frais not in vocabulary.frais():
        errors.append(f"Frais inconnus : « {frais} » (gratuit ou payant).")
    status = STATUS_ALIASES.get(_ascii_lower(get("statut")))
    if status is None:
        errors.append(f"Statut inconnu : « {get('statut')} » (publié, brouillon ou archivé).")
    checked = None
    if get("date_verification"):
        checked = _parse_date(get("date_verification"))
        if checked is None:
            errors.append(
                f"Date de vérification invalide : « {get('date_verification')} » (JJ/MM/AAAA)."
            )

    if errors:
        return None, errors
    address = get("adresse")
    if get("complement_adresse"):
        address = (
            f"{address}, {get('complement_adresse')}" if address else get("complement_adresse")
        )
    return (
        ServiceRecord(
            source=source,
            source_id=source_id,
            name=name,
            structure_name=structure_name,
            structure_id=structure_id,
            siret=siret,
            typologie=typologie,
            type_service=type_service,
            thematiques=themes,
            publics=publics,
            modes_accueil=modes,
            zone_eligibilite=zone,
            languages=languages,
            description=get("description"),
            address=address[:300],
            postcode=postcode,
            commune_id=commune_id,
            latitude=lat,
            longitude=lon,
            phone=get("telephone")[:30],
            email=email,
            website=website,
            opening_hours=hours,
            accessibility=get("accessibilite")[:300],
            accessibility_url=access_url,
            frais=frais,
            status=status,
            last_checked_on=checked,
            private_contact_name=get("contact_prive_nom")[:200],
            private_phone=get("contact_prive_telephone")[:30],
            private_email=private_email,
            warnings=[*notes, *([hours_warning] if hours_warning else [])],
        ),
        [],
    )


def _opening_hours(value: str) -> tuple[str, str]:
    """``(value to store, warning)``: hours the parser cannot read are kept as text
    (shown as written, never counted as open); never a reason to reject the row."""
    if not value:
        return "", ""
    if len(value) > opening_hours.MAX_LENGTH:
        return "", (
            f"Horaires non importés : {len(value)} caractères, au plus {opening_hours.MAX_LENGTH}."
        )
    reason = opening_hours.validate(value)
    if reason:
        return (
            value,
            f"Horaires gardés tels quels (non pris en compte pour « ouvert maintenant ») : {reason}.",
        )
    return value, ""


def _parse_date(value: str) -> date | None:
    value = value.strip()[:10]
    for pattern in (r"(\d{4})-(\d{2})-(\d{2})", r"(\d{2})/(\d{2})/(\d{4})"):
        match = re.fullmatch(pattern, value)
        if match:
            parts = [int(g) for g in match.groups()]
            year, month, day = (
                parts if pattern.startswith(r"(\d{4})") else (parts[2], parts[1], parts[0])
            )
            try:
                return date(year, month, day)
            except ValueError:
                return None
    return None
