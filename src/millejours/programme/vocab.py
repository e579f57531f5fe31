"""Versioned vocabularies of the programme domain, read from ``data/*.yaml``."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def _load(name: str) -> dict:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def call_objectives() -> list[dict]:
    """The six objectives of the regional 1000-days calls (seed 001)."""
    return _load("objectifs_appels_1000_jours.yaml")["objectives"]


def call_objective_choices() -> list[tuple[int, str]]:
    return [(o["code"], f"{o['code']}. {o['label']}") for o in call_objectives()]


def call_objective_label(code: int) -> str:
    return dict(call_objective_choices()).get(code, str(code))


def themes() -> list[dict]:
    return _load("themes.yaml")["themes"]


def theme_choices() -> list[tuple[str, str]]:
    return [(t["code"], t["label"]) for t in themes()]


def hourly_rates() -> dict[str, Decimal]:
    """Hourly compensation per participation role: the data file, overridden by settings."""
    rates = {role: Decimal(str(v["hourly"])) for role, v in _load("tarifs.yaml")["rates"].items()}
    for role, value in getattr(settings, "PROGRAMME_RATES", {}).items():
        rates[role] = Decimal(str(value))
    return rates
