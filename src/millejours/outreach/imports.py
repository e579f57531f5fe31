"""The web import of a declarations file: upload → preview (dry run) → commit.

Both steps run as django-tasks tasks for large files (the page polls the progress with
htmx) and inline for small ones (``OUTREACH_INLINE_IMPORT_ROWS``); ``outreach.tasks``
launches them (``batch_start_preview``, ``batch_start_commit``). Uploading and confirming
are the coordination's (``require_coordinator``), checked before anything is written; the
steps themselves then run as the platform.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone

from millejours.accounts.access import require_coordinator, require_role_or_platform
from millejours.accounts.models import User
from millejours.audit.services import record_event

from .files import FileErased, batch_file_bytes, store_batch_file
from .importer import FileUnreadable, ImportReport, preview_dict, run_import
from .models import ImportBatch, ImportStatus


def estimated_rows(data: bytes) -> int:
    if data[:4] == b"PK\x03\x04":
        return len(data) // 40
    return data.count(b"\n")


def batch_create(*, uploaded, user) -> ImportBatch:
    require_role_or_platform(user, require_coordinator)
    data = uploaded.read()
    with transaction.atomic():
        batch = ImportBatch(
            original_name=uploaded.name[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            created_by=user,
            total_rows=estimated_rows(data),
        )
        store_batch_file(batch, data)
        batch.save()
        record_event(
            actor=user,
            action="outreach.import_televerse",
            obj=batch,
            details={"fichier": batch.original_name},
        )
    return batch


def _progress(batch_id: int):
    def update(done: int, total: int) -> None:
        ImportBatch.objects.filter(pk=batch_id).update(processed_rows=done, total_rows=total)

    return update


def _fail(batch_id: int, message: str) -> None:
    ImportBatch.objects.filter(pk=batch_id).update(
        status=ImportStatus.FAILED, error=message, finished_at=timezone.now()
    )


def _run(batch: ImportBatch, /, **options: Any) -> ImportReport | None:
    """``run_import`` on the batch's stored file, with its progress; ``None`` when the file
    cannot be read (or was erased): the batch is then marked failed with the reason."""
    try:
        return run_import(
            batch_file_bytes(batch),
            name=batch.original_name,
            progress=_progress(batch.pk),
            **options,
        )
    except (FileUnreadable, FileErased) as exc:
        _fail(batch.pk, str(exc))
        return None


def batch_preview(batch_id: int) -> None:
    batch = ImportBatch.objects.get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch_id).update(status=ImportStatus.PREVIEWING, processed_rows=0)
    report = _run(batch, dry_run=True)
    if report is None:
        return
    preview = preview_dict(report)
    preview["rejected_all"] = report.rejected
    ImportBatch.objects.filter(pk=batch_id).update(
        status=ImportStatus.PREVIEWED,
        preview=preview,
        total_rows=report.total,
        processed_rows=report.total,
    )


def batch_commit(batch_id: int) -> None:
    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    try:
        report = _run(batch, user=batch.created_by, batch=batch)
    except Exception as exc:  # noqa: BLE001 — the transaction rolled back: nothing was written
        _fail(
            batch_id,
            f"L'import a échoué et n'a rien enregistré ({exc.__class__.__name__}). Relancez-le.",
        )
        raise
    if report is None:
        return
    result = {
        **report.as_contract(),
        "total": report.total,
        "possible_duplicates": report.possible_duplicates,
    }
    ImportBatch.objects.filter(pk=batch_id).update(
        status=ImportStatus.DONE,
        result=result,
        processed_rows=report.total,
        finished_at=timezone.now(),
    )


def batch_confirm(*, batch: ImportBatch, user: User) -> bool:
    """Move a previewed import to « running » (once, audited); False when it is not in the
    preview state. The caller (``tasks.batch_start_commit``) then launches the writing."""
    require_role_or_platform(user, require_coordinator)
    updated = ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PREVIEWED).update(
        status=ImportStatus.RUNNING, processed_rows=0
    )
    if not updated:
        return False
    record_event(actor=user, action="outreach.import_confirme", obj=batch)
    batch.refresh_from_db()
    return True
