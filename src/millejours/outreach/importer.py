"""Import of pregnancy declarations and contact lists (CPAM, CAF, PMI): CSV or XLSX.

``run_import(source, dry_run=…)`` reads the whole file, validates every row (French
reasons), deduplicates within the file and against existing families, then writes the new
families, parents, pregnancies and outreach contacts in ONE transaction: a crash halfway
leaves nothing behind, and a rerun gives the result of one clean run. Re-importing the
same file changes nothing (every row is then a duplicate).

Identity rule (``identity``): same NIR; two different NIRs are two people; same name +
birth date + DDR within 14 days is the same person only when the contact details agree,
otherwise a « doublon possible » for the coordination to decide (``duplicates``).

The steps live in ``import_reading`` (file, communes, row validation), ``import_dedup``
(who is new, who is known: an ``ImportPlan``) and ``import_writing`` (families through
pathway's bulk services, which queue the calendar with pathway's task; contacts). This
module launches no task: the calendar tasks are queued by pathway, the import tasks by
``outreach.tasks``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from millejours.accounts.models import User

from .import_dedup import ImportReport, classify
from .import_reading import (
    CleanRow,
    CommuneIndex,
    FileUnreadable,
    RowErrors,
    Table,
    _cell,
    clean_row,
    read_table,
    rejected_rows_csv,
    row_as_dict,
)
from .import_writing import ProgressFn, write_plan
from .models import ImportBatch
from .planner import plan_after_import

__all__ = [
    "FileUnreadable",
    "ImportReport",
    "preview_dict",
    "read_table",
    "rejected_rows_csv",
    "row_as_dict",
    "run_import",
]


def _clean_rows(
    table: Table,
    report: ImportReport,
    communes: CommuneIndex,
    *,
    today: date,
    progress: ProgressFn | None,
) -> list[CleanRow]:
    clean: list[CleanRow] = []
    for number, raw in enumerate(table.rows, start=1):
        if progress and number % 1000 == 0:
            progress(number // 2, report.total)
        if not any(_cell(c) for c in raw):
            continue
        try:
            clean.append(clean_row(number, row_as_dict(table, raw), communes=communes, today=today))
        except RowErrors as exc:
            report.rejected.append({"row": number, "errors": exc.errors})
    return clean


def run_import(
    source: str | Path | bytes,
    *,
    name: str = "",
    dry_run: bool = False,
    user: User | None = None,
    batch: ImportBatch | None = None,
    progress: ProgressFn | None = None,
    today: date | None = None,
) -> ImportReport:
    """Read, validate, deduplicate and (unless ``dry_run``) write one file atomically."""
    today = today or timezone.localdate()
    table = read_table(source, name)
    total = len(table.rows)
    report = ImportReport(total=total)
    communes = CommuneIndex()
    clean = _clean_rows(table, report, communes, today=today, progress=progress)
    if dry_run:
        classify(clean, report)
    else:
        with transaction.atomic():
            plan = classify(clean, report)
            write_plan(
                plan,
                report,
                communes,
                user=user,
                batch=batch,
                progress=progress,
                total=total,
                rows=len(clean),
            )
        plan_after_import(report)
    if progress:
        progress(total, total)
    return report


def preview_dict(report: ImportReport, *, first: int = 20) -> dict[str, Any]:
    return {
        **report.as_contract(),
        "rejected": report.rejected[:first],
        "rejected_count": len(report.rejected),
        "total": report.total,
        "possible_duplicates": report.possible_duplicates,
        "to_create": report.to_create,
    }
