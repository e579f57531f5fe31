"""Families from pregnancy declarations, in bulk (the outreach import calls these).

The outreach import (100 000 rows in about a minute on PostgreSQL) must not create
families one by one: these services insert families, mothers and pregnancies in bulk
(``COPY`` on PostgreSQL through ``lib.fastinsert``), write ONE audit event per call
(counts, not one per family) and queue the calendar of the new pregnancies with pathway's
task, inside the caller's transaction (the task queue is a table of the same database: the
calendar work is committed with the families or not at all).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.db import transaction

from millejours.accounts.models import User
from millejours.audit.services import record_event
from millejours.lib import fastinsert

from ..models import Family, Parent, ParentRole, Pregnancy, new_reference
from ..tasks import materialise_pregnancies

CHUNK = 2000  # rows per bulk statement and pregnancies per calendar task


@dataclass(frozen=True)
class MotherIdentity:
    """The mother as a declaration names her (also the outreach import's clean rows): the
    ``Parent`` fields of the family's mother."""

    last_name: str
    first_name: str
    birth_date: date
    nir: str
    phone: str
    email: str

    def identity(self) -> dict[str, Any]:
        """The ``MotherIdentity`` fields alone: a mother's ``Parent`` fields, or another
        declaration's."""
        return {f.name: getattr(self, f.name) for f in fields(MotherIdentity)}


@dataclass(frozen=True)
class DeclaredMother(MotherIdentity):
    """One declaration creating a family: the mother and her pregnancy."""

    commune_id: int | None
    lmp: date
    declared_on: date | None
    first_child: bool


@dataclass(frozen=True)
class DeclaredFamily:
    """What ``families_create_from_declarations`` created for one ``DeclaredMother``."""

    family_id: int
    parent_id: int
    pregnancy_id: int


@dataclass(frozen=True)
class DeclaredPregnancy:
    """A new pregnancy declared for a known family."""

    family_id: int
    lmp: date
    declared_on: date | None
    first_child: bool


def calendar_enqueue(pregnancy_ids: Sequence[int]) -> None:
    """Queue pathway's calendar task for these pregnancies (in chunks), in the transaction."""
    ids = list(pregnancy_ids)
    for start in range(0, len(ids), CHUNK):
        materialise_pregnancies.enqueue(ids[start : start + CHUNK])


@transaction.atomic
def families_create_from_declarations(
    mothers: Sequence[DeclaredMother], *, created_by: User | None
) -> list[DeclaredFamily]:
    """One family (« Foyer NOM »), its mother and her pregnancy per declaration, in bulk."""
    if not mothers:
        return []
    families = fastinsert.insert(
        Family,
        [
            Family(
                reference=new_reference(),
                display_name=f"Foyer {m.last_name.upper()}",
                commune_id=m.commune_id,
                created_by=created_by,
            )
            for m in mothers
        ],
        batch_size=CHUNK,
    )
    parents = fastinsert.insert(
        Parent,
        [
            Parent(family=f, role=ParentRole.MOTHER, **m.identity())
            for f, m in zip(families, mothers, strict=True)
        ],
        batch_size=CHUNK,
    )
    pregnancies = fastinsert.insert(
        Pregnancy,
        [
            Pregnancy(family=f, lmp=m.lmp, declared_on=m.declared_on, first_child=m.first_child)
            for f, m in zip(families, mothers, strict=True)
        ],
        batch_size=CHUNK,
    )
    calendar_enqueue([p.pk for p in pregnancies])
    record_event(
        actor=created_by,
        action="family.created_from_declarations",
        details={"families": len(families)},
    )
    return [
        DeclaredFamily(family_id=f.pk, parent_id=p.pk, pregnancy_id=g.pk)
        for f, p, g in zip(families, parents, pregnancies, strict=True)
    ]


@transaction.atomic
def pregnancies_add_from_declarations(
    declared: Sequence[DeclaredPregnancy], *, user: User | None
) -> list[int]:
    """New pregnancies of known families (bulk); returns their ids, calendar queued."""
    if not declared:
        return []
    created = Pregnancy.objects.bulk_create(
        [
            Pregnancy(
                family_id=d.family_id,
                lmp=d.lmp,
                declared_on=d.declared_on,
                first_child=d.first_child,
            )
            for d in declared
        ],
        batch_size=CHUNK,
    )
    ids = [p.pk for p in created]
    calendar_enqueue(ids)
    record_event(
        actor=user,
        action="pregnancy.recorded_from_declarations",
        details={"pregnancies": len(ids)},
    )
    return ids


@transaction.atomic
def families_update_from_declarations(
    *,
    parents: dict[int, dict[str, Any]],
    families: dict[int, dict[str, Any]],
    pregnancies: dict[int, dict[str, Any]],
    user: User | None,
) -> None:
    """Contact details, NIR, commune, declaration date or first-child flag completed by a
    declaration (``{pk: {field: value}}``), in bulk; one audit event with the counts."""
    fastinsert.bulk_update(Parent, parents, batch_size=CHUNK)
    fastinsert.bulk_update(Family, families, batch_size=CHUNK)
    fastinsert.bulk_update(Pregnancy, pregnancies, batch_size=CHUNK)
    if parents or families or pregnancies:
        record_event(
            actor=user,
            action="family.updated_from_declarations",
            details={
                "parents": len(parents),
                "families": len(families),
                "pregnancies": len(pregnancies),
            },
        )
