"""The demo's constants and the context handed to each domain's hook."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

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
REFERENCE_PREFIX = "F-D"  # demo family references: F-D + 7 characters


@dataclass
class DemoContext:
    today: date
    rng: random.Random
    territory: object  # territory.Territory (the CPTS des Portes du Lauragais)
    users: dict[str, object] = field(
        default_factory=dict
    )  # "sagefemme", "pmi", "coordination", "parent", "admin", …
    organisations: dict[str, object] = field(default_factory=dict)  # "cpts", "pmi", "cabinet", …
    families: list = field(default_factory=list)  # pathway.Family, all demo families
    log: list[str] = field(default_factory=list)  # lines printed at the end of the command
