"""Writes of the directory domain.

- ``resources_import(*, path, source=None, actor=None) -> dict``: the contract report
  ``{"created", "updated", "rejected": [{"row", "errors"}]}`` plus
  ``"warnings": [{"row", "warnings"}]`` when there are any;
  accepted rows are written in one transaction, rejected rows change nothing; a warning
  (e.g. opening hours the parser cannot read, kept as text) does not reject its row.
- ``service_mark_checked(*, service, by, on=None) -> Service``

Re-importing a ``(source, id)`` leaves the fields edited on the platform (``Service.local_fields``,
see ``edits.py``) as edited, and keeps the later of the two « dernière vérification ».
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from millejours.audit.services import record_event
from millejours.territory.models import Commune

from .importers import ImportFileError, read_rows, validate_row  # noqa: F401 - re-exported
from .models import Service, Structure

if TYPE_CHECKING:
    from millejours.accounts.models import User

    from .importers import ServiceRecord

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


def _commune_index(codes: set[str]) -> dict[str, object]:
    """INSEE code -> (pk, latitude, longitude), as ``validate_row`` reads it."""
    found = Commune.objects.filter(insee_code__in=codes).values_list(
        "insee_code", "pk", "latitude", "longitude"
    )
    return {code: (pk, lat, lon) for code, pk, lat, lon in found}


def resources_import(
    *, path: str | Path, source: str | None = None, actor: User | str | None = None
) -> dict[str, Any]:
    """Import one file (CSV, XLSX or data·inclusion JSON) into the directory."""
    path = Path(path)
    _kind, rows = read_rows(path)
    default_source = slugify(source or path.stem) or "import"
    codes = set()
    for row in rows:
        code = str(row.get("code_insee", "") or "").strip().upper()
        if code:
            codes.add(code.zfill(5) if code.isdigit() else code)
    communes = _commune_index(codes)

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

    created = updated = 0
    with transaction.atomic():
        structures = _upsert_structures(accepted)
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
                service = Service(
                    source=record.source, source_id=record.source_id, structure=structure
                )
                to_create.append(service)
            else:
                service.structure = structure
                service.updated_at = timezone.now()
                to_update.append(service)
            # Fields edited on the platform (edits.py) win over the file for this service.
            kept = set(service.local_fields or [])
            checked_here = service.last_checked_on if kept else None
            for name in SERVICE_FIELDS:
                if name not in kept:
                    setattr(service, name, getattr(record, name))
            if checked_here and (
                service.last_checked_on is None or service.last_checked_on < checked_here
            ):
                service.last_checked_on = checked_here
            if service.last_checked_on is None:
                service.last_checked_on = timezone.localdate()
            service.sync_keys()
        Service.objects.bulk_create(to_create, batch_size=500)
        if to_update:
            Service.objects.bulk_update(
                to_update,
                [*SERVICE_FIELDS, "structure", "themes_key", "publics_key", "updated_at"],
                batch_size=500,
            )
        created, updated = len(to_create), len(to_update)
        if actor is not None or accepted:
            record_event(
                actor=actor or "import",
                action="directory.import",
                details={
                    "file": path.name,
                    "created": created,
                    "updated": updated,
                    "rejected": len(rejected),
                    "warnings": len(warnings),
                },
            )
    report: dict[str, Any] = {"created": created, "updated": updated, "rejected": rejected}
    if warnings:  # only when there are some: a clean import's report is unchanged
        report["warnings"] = warnings
    return report


def _upsert_structures(records: Iterable[ServiceRecord]) -> dict[tuple[str, str], Structure]:
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
        structure.name = record.structure_name
        structure.siret = record.siret or structure.siret
        structure.typologie = record.typologie or structure.typologie
        if not structure.commune_id:
            structure.commune_id = record.commune_id
            structure.address = record.address
            structure.latitude, structure.longitude = record.latitude, record.longitude
        existing[key] = structure
    Structure.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        Structure.objects.bulk_update(
            to_update,
            [
                "name",
                "siret",
                "typologie",
                "commune_id",
                "address",
                "latitude",
                "longitude",
                "updated_at",
            ],
        )
    if to_create and any(s.pk is None for s in to_create):  # backends without RETURNING ids
        refreshed = Structure.objects.filter(
            source__in={k[0] for k in wanted}, source_id__in=[k[1] for k in wanted]
        )
        existing.update({(s.source, s.source_id): s for s in refreshed})
    return existing


def service_mark_checked(*, service: Service, by: User | None, on: date | None = None) -> Service:
    with transaction.atomic():
        service.last_checked_on = on or timezone.localdate()
        service.save(update_fields=["last_checked_on", "updated_at"])
        record_event(actor=by, action="directory.service_checked", obj=service)
    return service
