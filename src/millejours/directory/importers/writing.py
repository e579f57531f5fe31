"""Writing accepted ``ServiceRecord`` items to ``Structure`` and ``Service`` rows.

Called inside the transaction of ``services.resources_import``. Re-importing a
``(source, id)`` leaves the fields edited on the platform (``Service.local_fields``, see
``edits.py``) as edited, and keeps the later of the two « dernière vérification ».
"""

from __future__ import annotations

from django.utils import timezone

from millejours.territory.models import Commune

from ..models import Service, Structure
from .mapping import CommuneIndex, ServiceRecord
from .reading import Row

SERVICE_FIELDS = (
    "name",
    "description",
    "typologie",
    "type_service",
    "thematiques",
    "publics",
    "modes_accueil",
    "zone_eligibilite",
    "languages",
    "accessibility",
    "accessibility_url",
    "frais",
    "address",
    "postcode",
    "commune_id",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "opening_hours",
    "private_contact_name",
    "private_phone",
    "private_email",
    "status",
    "last_checked_on",
)
STRUCTURE_FIELDS = (
    "name",
    "siret",
    "typologie",
    "commune_id",
    "address",
    "latitude",
    "longitude",
    "updated_at",
)


def commune_index(rows: list[Row]) -> CommuneIndex:
    """The communes named by the rows' INSEE codes (leading zero restored)."""
    codes = set()
    for row in rows:
        code = str(row.get("code_insee", "") or "").strip().upper()
        if code:
            codes.add(code.zfill(5) if code.isdigit() else code)
    found = Commune.objects.filter(insee_code__in=codes).values_list(
        "insee_code", "pk", "latitude", "longitude"
    )
    return {code: (pk, lat, lon) for code, pk, lat, lon in found}


def _fill_structure(structure: Structure, record: ServiceRecord) -> None:
    structure.name = record.structure_name
    structure.siret = record.siret or structure.siret
    structure.typologie = record.typologie or structure.typologie
    if not structure.commune_id:
        structure.commune_id = record.commune_id
        structure.address = record.address
        structure.latitude, structure.longitude = record.latitude, record.longitude


def upsert_structures(records: list[ServiceRecord]) -> dict[tuple[str, str], Structure]:
    """The records' structures by ``(source, id)``, created or updated from the first record."""
    wanted: dict[tuple[str, str], ServiceRecord] = {}
    for record in records:
        wanted.setdefault((record.source, record.structure_id), record)
    existing = {
        (s.source, s.source_id): s
        for s in Structure.objects.filter(
            source__in={k[0] for k in wanted}, source_id__in=[k[1] for k in wanted]
        )
    }
    to_create, to_update = [], []
    for key, record in wanted.items():
        structure = existing.get(key)
        if structure is None:
            structure = Structure(source=key[0], source_id=key[1])
            to_create.append(structure)
        else:
            structure.updated_at = timezone.now()
            to_update.append(structure)
        _fill_structure(structure, record)
        existing[key] = structure
    Structure.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        Structure.objects.bulk_update(to_update, list(STRUCTURE_FIELDS))
    if to_create and any(s.pk is None for s in to_create):  # backends without RETURNING ids
        refreshed = Structure.objects.filter(
            source__in={k[0] for k in wanted}, source_id__in=[k[1] for k in wanted]
        )
        existing.update({(s.source, s.source_id): s for s in refreshed})
    return existing


def _fill_service(service: Service, record: ServiceRecord) -> None:
    """The file's values, but for the fields edited on the platform (edits.py)."""
    kept = set(service.local_fields or [])
    checked_here = service.last_checked_on if kept else None
    for name in SERVICE_FIELDS:
        if name not in kept:
            setattr(service, name, getattr(record, name))
    if checked_here and (service.last_checked_on is None or service.last_checked_on < checked_here):
        service.last_checked_on = checked_here
    if service.last_checked_on is None:
        service.last_checked_on = timezone.localdate()
    service.sync_keys()


def write_records(accepted: list[ServiceRecord]) -> tuple[int, int]:
    """Create or update the services and their structures: ``(created, updated)``."""
    structures = upsert_structures(accepted)
    existing = {
        (s.source, s.source_id): s
        for s in Service.objects.filter(
            source__in={r.source for r in accepted},
            source_id__in=[r.source_id for r in accepted],
        )
    }
    to_create, to_update = [], []
    for record in accepted:
        structure = structures[(record.source, record.structure_id)]
        service = existing.get((record.source, record.source_id))
        if service is None:
            service = Service(source=record.source, source_id=record.source_id, structure=structure)
            to_create.append(service)
        else:
            service.structure = structure
            service.updated_at = timezone.now()
            to_update.append(service)
        _fill_service(service, record)
    Service.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        Service.objects.bulk_update(
            to_update,
            [*SERVICE_FIELDS, "structure", "themes_key", "publics_key", "updated_at"],
            batch_size=500,
        )
    return len(to_create), len(to_update)
