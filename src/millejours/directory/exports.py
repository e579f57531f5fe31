"""Export to the data·inclusion schema (v1), validated by the package's pydantic models."""

from __future__ import annotations

from datetime import date
from typing import Any

from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure
from django.utils import timezone
from pydantic import EmailStr, TypeAdapter, ValidationError

from .models import PlaceAndContact, Service, Status, Structure
from .opening_hours import validate
from .vocabulary import modes_accueil, publics, theme_to_data_inclusion, types_service


def _id(source: str, source_id: str) -> str:
    return f"{source}--{source_id}"


def _date(value) -> date:
    today = timezone.localdate()
    if isinstance(value, date) and value <= today:
        return value
    return today


def _place_and_contact(record: PlaceAndContact) -> dict[str, Any]:
    """The address, coordinates and public contact of a structure or a service."""
    return {
        "commune": record.commune.name if record.commune else None,
        "code_insee": record.commune.insee_code if record.commune else None,
        "code_postal": record.postcode or None,
        "adresse": record.address or None,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "telephone": record.phone or None,
        "courriel": record.email or None,
    }


def structure_payload(structure: Structure) -> dict[str, Any]:
    data = {
        "source": structure.source,
        "id": _id(structure.source, structure.source_id),
        "nom": structure.name.rstrip(".")
        if len(structure.name) >= 3
        else f"{structure.name} (structure)",
        "date_maj": _date(
            timezone.localtime(structure.updated_at).date() if structure.updated_at else None
        ),
        "siret": structure.siret or None,
        **_place_and_contact(structure),
        "site_web": structure.website or None,
        "horaires_accueil": structure.opening_hours or None,
        "description": structure.description if len(structure.description) >= 5 else None,
    }
    return data


def service_payload(service: Service) -> dict[str, Any]:
    mapping = theme_to_data_inclusion()
    themes = sorted({mapping[t] for t in service.thematiques if t in mapping})
    pubs = [p for p in service.publics if p in publics()]
    description = (
        service.description if len(service.description) >= 5 else f"Service « {service.name} »."
    )
    return {
        "source": service.source,
        "structure_id": _id(service.structure.source, service.structure.source_id),
        "id": _id(service.source, service.source_id),
        "nom": service.name.rstrip(".") if not service.name.endswith("etc.") else service.name,
        "description": description,
        "date_maj": _date(service.last_checked_on),
        "type": service.type_service if service.type_service in types_service() else None,
        "thematiques": themes or None,
        "publics": pubs or None,
        "frais": service.frais or None,
        **_place_and_contact(service),
        "modes_accueil": [m for m in service.modes_accueil if m in modes_accueil()] or None,
        "zone_eligibilite": service.zone_eligibilite or None,
        "horaires_accueil": service.opening_hours or None,
        # Perinatal extensions are kept next to the mapped national codes.
        "thematiques_perinatalite": [t for t in service.thematiques if mapping.get(t) != t] or None,
        "typologie_perinatalite": service.typologie or service.structure.typologie or None,
        "langues": service.languages or None,
    }


EXTENSION_KEYS = ("thematiques_perinatalite", "typologie_perinatalite", "langues")


_EMAIL = TypeAdapter(EmailStr)


def _schema_email(payload: dict, label: str, warnings: list[str]) -> None:
    """Leave out an e-mail the national schema refuses (reserved domains such as ``.test``).

    Django's validator accepted it at entry; data·inclusion's ``EmailStr`` (email-validator)
    refuses special-use domains. The record is exported without ``courriel`` and a French
    warning names it, rather than the whole export failing.
    """
    value = payload.get("courriel")
    if not value:
        return
    try:
        _EMAIL.validate_python(value)
    except ValidationError:
        payload["courriel"] = None
        warnings.append(
            f"{label} : courriel « {value} » refusé par le schéma data·inclusion, exporté sans courriel."
        )


def _schema_hours(payload: dict, label: str, warnings: list[str]) -> None:
    """Leave out opening hours the parser cannot read: the schema asks for the
    OpenStreetMap format, and such values were kept as text at import (issue 16)."""
    value = payload.get("horaires_accueil")
    if value and validate(value):
        payload["horaires_accueil"] = None
        warnings.append(
            f"{label} : horaires « {value} » hors format OpenStreetMap, exportés sans horaires."
        )


def export_data_inclusion(*, queryset=None, warnings: list[str] | None = None) -> dict:
    """``{"structures": [...], "services": [...]}`` of the published services (validated).

    E-mails the schema refuses and opening hours outside the OSM format are left out
    and listed in ``warnings``. Raises
    ``pydantic.ValidationError`` if a record still does not fit the national schema.
    """
    warnings = warnings if warnings is not None else []
    services = list(
        (queryset if queryset is not None else Service.objects.filter(status=Status.PUBLISHED))
        .select_related("structure", "structure__commune", "commune")
        .order_by("pk")
    )
    structures = {s.structure_id: s.structure for s in services}
    out_structures = []
    for structure in structures.values():
        payload = structure_payload(structure)
        _schema_email(payload, f"Structure « {structure.name} »", warnings)
        _schema_hours(payload, f"Structure « {structure.name} »", warnings)
        DIStructure.model_validate(payload)
        out_structures.append({k: _json(v) for k, v in payload.items() if v is not None})
    out_services = []
    for service in services:
        payload = service_payload(service)
        _schema_email(payload, f"Service « {service.name} »", warnings)
        _schema_hours(payload, f"Service « {service.name} »", warnings)
        DIService.model_validate({k: v for k, v in payload.items() if k not in EXTENSION_KEYS})
        out_services.append({k: _json(v) for k, v in payload.items() if v is not None})
    return {"structures": out_structures, "services": out_services}


def _json(value):
    if isinstance(value, date):
        return value.isoformat()
    return value
