"""Writes of the directory domain.

- ``resources_import(*, path, source=None, actor=None) -> dict``: the contract report
  ``{"created", "updated", "rejected": [{"row", "errors"}]}`` plus
  ``"warnings": [{"row", "warnings"}]`` when there are any;
  accepted rows are written in one transaction, rejected rows change nothing; a warning
  (e.g. opening hours the parser cannot read, kept as text) does not reject its row.
- ``service_mark_checked(*, service, by, on=None) -> Service``: « dernière vérification »
  set to today; ``by`` must be allowed to edit the listing (``edits.can_edit_service``),
  ``None`` being the platform itself (a command, a job).

Re-importing a ``(source, id)`` leaves the fields edited on the platform (``Service.local_fields``,
see ``edits.py``) as edited, and keeps the later of the two « dernière vérification ».
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from millejours.audit.services import record_event

from .edits import require_edit_right
from .importers.mapping import map_rows
from .importers.reading import read_rows
from .importers.writing import commune_index, write_records
from .models import Service

if TYPE_CHECKING:
    from datetime import date

    from django.contrib.auth.models import AnonymousUser

    from millejours.accounts.models import User


def resources_import(
    *, path: Path | str, source: str | None = None, actor: User | str | None = None
) -> dict[str, Any]:
    """Import one file (CSV, XLSX or data·inclusion JSON) into the directory."""
    path = Path(path)
    _kind, rows = read_rows(path)
    default_source = slugify(source or path.stem) or "import"
    accepted, rejected, warnings = map_rows(
        rows, default_source=default_source, communes=commune_index(rows)
    )
    with transaction.atomic():
        created, updated = write_records(accepted)
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


@transaction.atomic
def service_mark_checked(
    *, service: Service, by: User | AnonymousUser | None, on: date | None = None
) -> Service:
    if by is not None:
        require_edit_right(by, service)
    service.last_checked_on = on or timezone.localdate()
    service.save(update_fields=["last_checked_on", "updated_at"])
    record_event(actor=by, action="directory.service_checked", obj=service)
    return service
