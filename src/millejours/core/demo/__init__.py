"""The demo territory is loaded by ``millejours demo load``.

Each domain app may provide ``millejours.<app>.demo.load(ctx: DemoContext) -> None``; the
command calls them in ``DEMO_APPS`` order after the territory, accounts and families
exist. Each hook must be idempotent (running ``demo load`` twice changes nothing) and
create only synthetic data.

``load_demo(families=300, seed=DEFAULT_SEED)`` does the whole job:

1. the demo territory (``territory.services.demo_territory_load``: the communes of the
   Sicoval agglomeration, the CPTS des Portes du Lauragais);
2. the organisations and the demo accounts (password ``DEMO_PASSWORD``), matched by name
   and e-mail address (re-running resets their password, role and memberships);
3. the synthetic families, generated from a seeded RNG (Faker ``fr_FR``): the same seed
   always gives the same families with the same references, so a second run finds them
   all and creates nothing. Only missing families are created (in bulk), then their
   calendar is materialised (``pathway.calendar.materialise``, if present) and most of
   their past milestones are marked done;
4. the hooks of ``DEMO_APPS``.

Synthetic identifiers: phone numbers are in the range that ARCEP reserves for fiction
(06 39 98 xx xx), e-mail addresses use the reserved ``.test`` top-level domain, NIRs have
a valid key (python-stdnum) and an order number in 900–999.

The package: ``context`` (constants, ``DemoContext``), ``accounts`` (organisations and
accounts), ``family_specs`` (the synthetic families, drawn), ``family_records`` (written,
their calendar materialised), ``loader`` (``load_demo`` and the hooks).
"""

from .accounts import DEMO_ACCOUNTS
from .context import DEFAULT_FAMILIES, DEFAULT_SEED, DEMO_APPS, DEMO_PASSWORD, DemoContext
from .family_specs import family_specs, synthetic_nir
from .loader import load_demo, run_hooks

# The names the command, the domains' demo hooks and the tests import from ``core.demo``.
__all__ = [
    "DEFAULT_FAMILIES",
    "DEFAULT_SEED",
    "DEMO_ACCOUNTS",
    "DEMO_APPS",
    "DEMO_PASSWORD",
    "DemoContext",
    "family_specs",
    "load_demo",
    "run_hooks",
    "synthetic_nir",
]
