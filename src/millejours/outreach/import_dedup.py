"""Deduplication of a declarations import: who is new, who is known, what changes.

``load_existing`` reads the parents the file may name (by NIR or birth date) with their
pregnancies and outreach contact; ``classify`` decides, row by row, with the identity rule
of ``identity`` (same NIR; same name + birth date + DDR within 14 days when the contact
details agree; otherwise a « doublon possible »), and returns an ``ImportPlan``: nothing is
written here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from millejours.pathway.models import Parent, Pregnancy
from millejours.pathway.services import DeclaredPregnancy

from . import validation as v
from .identity import FileDuplicates, _comparable_phone, match_existing
from .import_reading import CleanRow
from .models import OutreachContact

PREVIEW_ROWS = 50  # rows creating a family listed on the preview page

Changes = dict[str, Any]
T = TypeVar("T")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    duplicates: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    created_pregnancy_ids: list[int] = field(default_factory=list)
    possible_duplicates: int = 0  # not in the command contract: shown on the import page
    to_create: list[dict[str, Any]] = field(
        default_factory=list
    )  # first rows creating a family (preview page)

    def as_contract(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
        }


@dataclass
class Existing:
    parent_id: int
    family_id: int
    nir: str
    phone: str
    email: str
    name_key: tuple[Any, ...]
    family_commune_id: int | None
    pregnancies: list[Mapping[str, Any]] = field(default_factory=list)
    contact: Mapping[str, Any] | None = None


@dataclass
class ImportPlan:
    """What the file changes; ``import_writing.write_plan`` writes it."""

    new_rows: list[CleanRow] = field(default_factory=list)
    possible_of: dict[int, int] = field(default_factory=dict)  # row number -> known parent
    parent_updates: dict[int, Changes] = field(default_factory=dict)
    family_updates: dict[int, Changes] = field(default_factory=dict)  # {"commune_insee": …}
    pregnancy_updates: dict[int, Changes] = field(default_factory=dict)
    new_pregnancies: list[DeclaredPregnancy] = field(default_factory=list)
    new_contacts: list[OutreachContact] = field(default_factory=list)  # import_batch unset
    contact_updates: dict[int, Changes] = field(default_factory=dict)


def _chunks(items: list[T], size: int = 500) -> Iterable[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


ExistingByNir = dict[str, Existing]
ExistingByName = dict[tuple[Any, ...], list[Existing]]


def _existing_parents(rows: list[CleanRow]) -> dict[int, Existing]:
    fields = (
        "pk",
        "family_id",
        "nir",
        "phone",
        "email",
        "last_name",
        "first_name",
        "birth_date",
        "family__commune_id",
    )
    found: dict[int, Existing] = {}
    nirs = sorted({r.nir for r in rows if r.nir})
    births = sorted({r.birth_date for r in rows})
    queries = [Parent.objects.filter(nir__in=chunk) for chunk in _chunks(nirs)]
    queries += [Parent.objects.filter(birth_date__in=chunk) for chunk in _chunks(births)]
    for query in queries:
        for pk, fam, nir, phone, email, last, first, born, commune_id in query.values_list(*fields):
            if pk not in found:
                found[pk] = Existing(
                    parent_id=pk,
                    family_id=fam,
                    nir=nir,
                    phone=phone,
                    email=email,
                    name_key=(v.normalise_name(last), v.normalise_name(first), born),
                    family_commune_id=commune_id,
                )
    return found


def load_existing(rows: list[CleanRow]) -> tuple[ExistingByNir, ExistingByName]:
    found = _existing_parents(rows)
    by_family: dict[int, list[Existing]] = defaultdict(list)
    for item in found.values():
        by_family[item.family_id].append(item)
    for chunk in _chunks(sorted(by_family)):
        for preg in Pregnancy.objects.filter(family_id__in=chunk).values(
            "pk", "family_id", "lmp", "declared_on", "first_child"
        ):
            for item in by_family[preg["family_id"]]:
                item.pregnancies.append(preg)
    for chunk in _chunks(sorted(found)):
        for contact in OutreachContact.objects.filter(parent_id__in=chunk).values(
            "pk", "parent_id", "phone", "email", "first_child", "source"
        ):
            found[contact["parent_id"]].contact = contact
    by_nir = {item.nir: item for item in found.values() if item.nir}
    by_name: ExistingByName = defaultdict(list)
    for item in found.values():
        by_name[item.name_key].append(item)
    return by_nir, by_name


# --- Classification ---------------------------------------------------------------------------


def _parent_changes(row: CleanRow, existing: Existing) -> Changes:
    changes: Changes = {}
    if row.phone and row.phone != _comparable_phone(existing.phone):
        changes["phone"] = row.phone
    if row.email and row.email != existing.email.lower():
        changes["email"] = row.email
    if row.nir and not existing.nir:
        changes["nir"] = row.nir
    return changes


def _pregnancy_changes(row: CleanRow, pregnancy: Mapping[str, Any]) -> Changes:
    changes: Changes = {}
    if row.declared_on and not pregnancy["declared_on"]:
        changes["declared_on"] = row.declared_on
    if row.first_child is not None and row.first_child != pregnancy["first_child"]:
        changes["first_child"] = row.first_child
    return changes


def _contact_changes(row: CleanRow, contact: Mapping[str, Any]) -> Changes:
    changes: Changes = {}
    if row.phone and row.phone != contact["phone"]:
        changes["phone"] = row.phone
    if row.email and row.email != contact["email"]:
        changes["email"] = row.email
    if row.first_child is not None and row.first_child != contact["first_child"]:
        changes["first_child"] = row.first_child
    if changes:
        changes["row_hash"] = row.row_hash
    return changes


def _plan_pathway_changes(
    row: CleanRow, existing: Existing, pregnancy: Mapping[str, Any] | None, plan: ImportPlan
) -> bool:
    """The known family's own data (parent, commune, pregnancy); True when anything changes."""
    changed = False
    p_changes = _parent_changes(row, existing)
    if p_changes:
        plan.parent_updates[existing.parent_id] = p_changes
        changed = True
    if row.commune_insee and not existing.family_commune_id:
        plan.family_updates[existing.family_id] = {"commune_insee": row.commune_insee}
        changed = True
    if pregnancy is None:
        plan.new_pregnancies.append(
            DeclaredPregnancy(
                family_id=existing.family_id,
                lmp=row.lmp,
                declared_on=row.declared_on,
                first_child=bool(row.first_child),
            )
        )
        return True
    g_changes = _pregnancy_changes(row, pregnancy)
    if g_changes:
        plan.pregnancy_updates[pregnancy["pk"]] = g_changes
        changed = True
    return changed


def _plan_contact_changes(
    row: CleanRow, existing: Existing, pregnancy: Mapping[str, Any] | None, plan: ImportPlan
) -> bool:
    """The outreach contact of a known parent; True when anything changes."""
    contact = existing.contact
    if contact is None:
        first_child = (
            row.first_child
            if row.first_child is not None
            else bool(pregnancy and pregnancy["first_child"])
        )
        plan.new_contacts.append(
            OutreachContact(
                family_id=existing.family_id,
                parent_id=existing.parent_id,
                phone=row.phone,
                email=row.email,
                first_child=first_child,
                source=row.source,
                row_hash=row.row_hash,
            )
        )
        return True
    c_changes = _contact_changes(row, contact)
    if c_changes:
        plan.contact_updates[contact["pk"]] = c_changes
        return True
    return False


def classify(rows: list[CleanRow], report: ImportReport) -> ImportPlan:
    """Sort the clean rows into new families, updates and duplicates (counted in ``report``)."""
    by_nir, by_name = load_existing(rows)
    in_file = FileDuplicates()
    plan = ImportPlan()
    for row in rows:
        if in_file.seen(row):
            report.duplicates += 1
            continue
        match = match_existing(row, by_nir, by_name)
        existing, pregnancy = match.existing, match.pregnancy
        if not isinstance(existing, Existing):
            plan.new_rows.append(row)
            if isinstance(match.possible_of, Existing):
                plan.possible_of[row.number] = match.possible_of.parent_id
            continue
        changed = _plan_pathway_changes(row, existing, pregnancy, plan)
        changed = _plan_contact_changes(row, existing, pregnancy, plan) or changed
        if changed:
            report.updated += 1
        else:
            report.duplicates += 1
    report.created = len(plan.new_rows)
    report.possible_duplicates = len(plan.possible_of)
    report.to_create = [_preview_row(r, plan) for r in plan.new_rows[:PREVIEW_ROWS]]
    return plan


def _preview_row(row: CleanRow, plan: ImportPlan) -> dict[str, Any]:
    return {
        "row": row.number,
        "name": f"{row.first_name} {row.last_name.upper()}",
        "birth_date": f"{row.birth_date:%d/%m/%Y}",
        "commune": row.commune_insee or "",
        "lmp": f"{row.lmp:%d/%m/%Y}",
        "possible_duplicate": row.number in plan.possible_of,
    }
