"""The demo's constants and the context handed to each domain's hook."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from millejours.pathway.models import CareTeamMember, Family

if TYPE_CHECKING:
    from millejours.accounts.models import Organisation, User
    from millejours.pathway.models import Family
    from millejours.territory.models import Territory

DEMO_PASSWORD = "demo-millejours"
DEMO_APPS = [
    "screening",
    "directory",
    "orientations",
    "followup",
    "programme",
    "outreach",
    "indicators",
    "checkup",
]
DEFAULT_SEED = 1000
DEFAULT_FAMILIES = 300
CHUNK_FAMILIES = 10_000  # families created and materialised per transaction
REFERENCE_PREFIX = "F-D"  # demo family references: F-D + 7 characters


@dataclass
class DemoContext:
    today: date
    rng: random.Random
    territory: Territory  # the CPTS des Portes du Lauragais
    # "sagefemme", "pmi", "coordination", "parent", "admin", …
    users: dict[str, User] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)  # "cpts", "pmi", …
    families: list[Family] = field(default_factory=list)  # all demo families
    log: list[str] = field(default_factory=list)  # lines printed at the end of the command

    def first_load(
        self, model: Any, name: str, *, followed: int
    ) -> tuple[User, list[Family]] | None:
        """The demo midwife and the first ``followed`` demo families in her care team, for a
        domain that adds rows of ``model`` to them; ``None`` (nothing to do) without a
        midwife or families, or when ``model`` already has rows for them (then logged under
        ``name``)."""
        sagefemme = self.users.get("sagefemme")
        family_ids = [f.pk for f in self.families]
        if sagefemme is None or not family_ids:
            return None
        if model.objects.filter(family_id__in=family_ids).exists():
            self.log.append(f"{name} : données de démonstration déjà présentes.")
            return None
        members = CareTeamMember.objects.filter(
            user=sagefemme, removed_at__isnull=True, family_id__in=family_ids
        )
        families = Family.objects.filter(pk__in=members.values("family_id")).order_by("pk")
        return sagefemme, list(families[:followed])
