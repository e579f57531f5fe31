"""The demo territory is loaded by ``millejours demo load``.

Each domain app may provide ``millejours.<app>.demo.load(ctx: DemoContext) -> None``; the
command calls them in ``DEMO_APPS`` order after the territory, accounts and families
exist. Each hook must be idempotent (running ``demo load`` twice changes nothing) and
create only synthetic data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

DEMO_PASSWORD = "demo-millejours"
DEMO_APPS = ["screening", "directory", "orientations", "followup", "programme", "outreach", "indicators"]


@dataclass
class DemoContext:
    today: date
    rng: random.Random
    territory: object  # territory.Territory (the CPTS des Portes du Lauragais)
    users: dict[str, object] = field(default_factory=dict)  # "sagefemme", "pmi", "coordination", "parent", "admin", …
    organisations: dict[str, object] = field(default_factory=dict)  # "cpts", "pmi", "cabinet", …
    families: list = field(default_factory=list)  # pathway.Family, all demo families
    log: list[str] = field(default_factory=list)  # lines printed at the end of the command
