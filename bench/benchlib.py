"""What every benchmark script shares: Django set up on a throwaway database, and a timer.

The scripts put ``bench/`` on ``sys.path`` (they run as ``python bench/<script>.py``)."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))


def setup_database(db_url: str, *, reuse: bool = False, name: str = "bench") -> str:
    """Django on ``db_url`` (``DEBUG`` off), migrated, and emptied unless ``reuse``.

    An empty ``db_url`` (no ``--db-url`` given) is a fresh SQLite file ``<name>.sqlite3``
    in a new directory under /tmp. Returns the URL used.
    """
    db_url = db_url or f"sqlite:///{tempfile.mkdtemp()}/{name}.sqlite3"
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "millejours.settings")
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not reuse:
        call_command("flush", interactive=False, verbosity=0)
    return db_url


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """``runs`` calls of ``fn``, each one's duration in milliseconds."""
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def sage_femme(email: str, last_name: str = "Essai") -> Any:
    """A synthetic professional (sage-femme) without a password, for a benchmark."""
    from millejours.accounts.models import Profession, Role, User  # once Django is set up

    return User.objects.create_user(
        email=email,
        password=None,
        role=Role.PROFESSIONAL,
        profession=Profession.SAGE_FEMME,
        first_name="Banc",
        last_name=last_name,
    )
