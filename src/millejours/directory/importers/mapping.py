"""Mapping one directory row to a ``ServiceRecord``, with French errors and warnings.

``validate_row`` checks the row section by section (identity, classification, location,
contacts, administrative fields); an error rejects the row, a warning (an unknown optional
code, opening hours the parser cannot read) is reported with it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.text import slugify

from .. import geo, opening_hours, vocabulary
from .reading import Row

# INSEE code -> (commune pk, latitude, longitude) of the commune's town hall.
CommuneIndex = dict[str, tuple[int, float | None, float | None]]
Fields = dict[str, Any]

STATUS_ALIASES = {
    "": "publie",
    "publie": "publie",
    "publiee": "publie",
    "brouillon": "brouillon",
    "archive": "archive",
    "archivee": "archive",
}


def _ascii_lower(value: str) -> str:
    return unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().strip().lower()


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


class _Cells:
    """The row's cells as stripped text (an absent or empty cell is ``""``)."""

    def __init__(self, row: Row) -> None:
        self.row = row

    def __call__(self, key: str) -> str:
        return str(self.row.get(key, "") or "").strip()


def _identity(get: _Cells, default_source: str, errors: list[str]) -> Fields:
    """Source, identifiers and names of the service and of its structure."""
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
    return {
        "source": source,
        "source_id": source_id,
        "name": name,
        "structure_name": structure_name,
        "structure_id": structure_id,
    }


def _typologie(value: str, notes: list[str]) -> str:
    """The structure's typology, by code or label; an unknown one is left out with a warning."""
    if not value:
        return ""
    key = slugify(value)
    if key in vocabulary.typologies():
        return key
    by_label = {slugify(label): code for code, label in vocabulary.typologies().items()}
    if key in by_label:
        return by_label[key]
    notes.append(f"Typologie inconnue ignorée : « {value} ».")
    return ""


def _classification(get: _Cells, errors: list[str], notes: list[str]) -> Fields:
    """Typology, service type, themes, publics, reception modes, languages, eligibility zone."""
    typologie = _typologie(get("typologie"), notes)
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
    zone = split_codes(get("zone_eligibilite"))
    for code in zone:
        if code != "france" and not re.fullmatch(r"\w{2,3}|\w{5}|\d{9}", code):
            errors.append(f"Code de zone d'éligibilité invalide : « {code} ».")
    return {
        "typologie": typologie,
        "type_service": type_service,
        "thematiques": themes,
        "publics": publics,
        "modes_accueil": modes,
        "zone_eligibilite": zone,
        "languages": [code.lower() for code in split_codes(get("langues"))],
    }


def _location(get: _Cells, communes: CommuneIndex, errors: list[str]) -> Fields:
    """The commune (INSEE code) and coordinates; without coordinates, the town hall's."""
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
    return {"commune_id": commune_id, "latitude": lat, "longitude": lon}


def _check_valid(
    checks: tuple[tuple[str, str], ...], validator: EmailValidator | URLValidator, errors: list[str]
) -> None:
    for value, label in checks:
        if value:
            try:
                validator(value)
            except ValidationError:
                errors.append(f"{label} invalide : « {value} ».")


def _contacts(get: _Cells, errors: list[str]) -> Fields:
    """E-mail addresses and links (public and reserved to professionals), phones, address."""
    email = get("courriel")
    private_email = get("contact_prive_courriel")
    _check_valid(
        ((email, "Courriel"), (private_email, "Courriel réservé aux professionnels")),
        EmailValidator(),
        errors,
    )
    website = get("site_web")
    access_url = get("accessibilite_url")
    _check_valid(
        ((website, "Site web"), (access_url, "Lien Accès libre")),
        URLValidator(schemes=["http", "https"]),
        errors,
    )
    postcode = get("code_postal")
    if postcode and not re.fullmatch(r"\d{5}", postcode):
        errors.append(f"Code postal invalide : « {postcode} ».")
    address = get("adresse")
    if get("complement_adresse"):
        address = (
            f"{address}, {get('complement_adresse')}" if address else get("complement_adresse")
        )
    return {
        "email": email,
        "private_email": private_email,
        "website": website,
        "accessibility_url": access_url,
        "postcode": postcode,
        "address": address[:300],
        "phone": get("telephone")[:30],
        "accessibility": get("accessibilite")[:300],
        "private_contact_name": get("contact_prive_nom")[:200],
        "private_phone": get("contact_prive_telephone")[:30],
    }


def _administrative(get: _Cells, errors: list[str]) -> Fields:
    """SIRET, fees, publication status and the date of the last check."""
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
    return {"siret": siret, "frais": frais, "status": status, "last_checked_on": checked}


def validate_row(
    row: Row, *, default_source: str, communes: CommuneIndex
) -> tuple[ServiceRecord | None, list[str]]:
    """Check one row; ``communes`` maps INSEE code -> (pk, lat, lon)."""
    if "_invalid" in row:
        return None, [row["_invalid"]]
    get = _Cells(row)
    errors: list[str] = []
    notes: list[str] = []  # warnings: the row is imported
    fields = {
        **_identity(get, default_source, errors),
        **_classification(get, errors, notes),
        **_location(get, communes, errors),
    }
    hours, hours_warning = _opening_hours(get("horaires"))
    fields.update(_contacts(get, errors))
    fields.update(_administrative(get, errors))
    if errors:
        return None, errors
    return (
        ServiceRecord(
            **fields,
            description=get("description"),
            opening_hours=hours,
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


def map_rows(
    rows: list[Row], *, default_source: str, communes: CommuneIndex
) -> tuple[list[ServiceRecord], list[dict[str, Any]], list[dict[str, Any]]]:
    """``(accepted records, rejected rows, warnings)``: each row checked, each
    ``(source, id)`` accepted once (a second one is rejected with the first one's row)."""
    rejected: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    accepted: list[ServiceRecord] = []
    seen: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows, start=1):
        record, errors = validate_row(row, default_source=default_source, communes=communes)
        if record is not None:
            key = (record.source, record.source_id)
            if key in seen:
                errors = [
                    f"Identifiant « {record.source_id} » en double dans le fichier (déjà à la ligne {seen[key]})."
                ]
                record = None
            else:
                seen[key] = number
        if record is None:
            rejected.append({"row": number, "errors": errors})
        else:
            accepted.append(record)
            if record.warnings:
                warnings.append({"row": number, "warnings": record.warnings})
    return accepted, rejected, warnings
