"""Writing a classified declarations import (``import_dedup.ImportPlan``), in the caller's
transaction.

Families, mothers and pregnancies are pathway's rows: they are created and completed
through pathway's bulk services (``pathway.services.*_from_declarations``: their audit
events, the calendar queued with pathway's task). This module writes outreach's own rows:
the contacts (``COPY`` on PostgreSQL, ``lib.fastinsert``), the « doublons possibles » and
the import's audit event.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from millejours.accounts.models import User
from millejours.audit.services import record_event
from millejours.lib import fastinsert
from millejours.pathway.services import (
    DeclaredFamily,
    DeclaredMother,
    families_create_from_declarations,
    families_update_from_declarations,
    pregnancies_add_from_declarations,
)

from .import_dedup import ImportPlan, ImportReport, _chunks
from .import_reading import CleanRow, CommuneIndex
from .models import ImportBatch, OutreachContact, PossibleDuplicate

CHUNK = 2000

ProgressFn = Callable[[int, int], None]


def _apply_updates(model: type[OutreachContact], updates: dict[int, dict[str, Any]]) -> None:
    fastinsert.bulk_update(model, updates, batch_size=CHUNK)


def _mother(row: CleanRow, communes: CommuneIndex) -> DeclaredMother:
    return DeclaredMother(
        **row.identity(),
        commune_id=communes.pk_for(row.commune_insee),
        lmp=row.lmp,
        declared_on=row.declared_on,
        first_child=bool(row.first_child),
    )


def _write_new_families(
    chunk: list[CleanRow],
    plan: ImportPlan,
    communes: CommuneIndex,
    *,
    user: User | None,
    batch: ImportBatch | None,
) -> list[int]:
    """One chunk of new families (pathway's service), then their contacts; pregnancy ids."""
    created = families_create_from_declarations(
        [_mother(r, communes) for r in chunk], created_by=user
    )
    _record_possible_duplicates(plan.possible_of, created, chunk, batch)
    fastinsert.insert(
        OutreachContact,
        [
            OutreachContact(
                family_id=c.family_id,
                parent_id=c.parent_id,
                phone=r.phone,
                email=r.email,
                first_child=bool(r.first_child),
                source=r.source,
                row_hash=r.row_hash,
                import_batch=batch,
            )
            for c, r in zip(created, chunk, strict=True)
        ],
        batch_size=CHUNK,
    )
    return [c.pregnancy_id for c in created]


def write_plan(
    plan: ImportPlan,
    report: ImportReport,
    communes: CommuneIndex,
    *,
    user: User | None,
    batch: ImportBatch | None,
    progress: ProgressFn | None,
    total: int,
    rows: int,
) -> None:
    """Write ``plan`` (call it inside the import's transaction); ``rows``: clean rows."""
    for changes in plan.family_updates.values():
        changes["commune_id"] = communes.pk_for(changes.pop("commune_insee"))
    done = rows - len(plan.new_rows)
    for chunk in _chunks(plan.new_rows, CHUNK):
        report.created_pregnancy_ids.extend(
            _write_new_families(chunk, plan, communes, user=user, batch=batch)
        )
        done += len(chunk)
        if progress:
            progress(total // 2 + done * (total - total // 2) // max(1, rows), total)
    report.created_pregnancy_ids.extend(
        pregnancies_add_from_declarations(plan.new_pregnancies, user=user)
    )
    if plan.new_contacts:
        for contact in plan.new_contacts:
            contact.import_batch = batch
        OutreachContact.objects.bulk_create(plan.new_contacts, batch_size=CHUNK)
    families_update_from_declarations(
        parents=plan.parent_updates,
        families=plan.family_updates,
        pregnancies=plan.pregnancy_updates,
        user=user,
    )
    _apply_updates(OutreachContact, plan.contact_updates)
    record_event(
        actor=user,
        action="outreach.import",
        details={
            "created": report.created,
            "updated": report.updated,
            "duplicates": report.duplicates,
            "rejected": len(report.rejected),
            "batch": getattr(batch, "pk", None),
        },
    )


def _record_possible_duplicates(
    possible_of: dict[int, int],
    created: list[DeclaredFamily],
    rows: list[CleanRow],
    batch: ImportBatch | None,
) -> None:
    PossibleDuplicate.objects.bulk_create(
        [
            PossibleDuplicate(
                existing_id=possible_of[r.number], candidate_id=c.parent_id, import_batch=batch
            )
            for c, r in zip(created, rows, strict=True)
            if r.number in possible_of
        ]
    )
