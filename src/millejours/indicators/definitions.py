"""Indicator definitions, read from ``data/*.yaml`` (versioned, with their sources)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    unit: str
    first_child: bool
    definition: str
    version: str
    source: str
    review: bool = False
    kind: str = "count"
    numerator: str = ""
    denominator: str = ""
    target: float | None = None
    stage: str = ""


@dataclass(frozen=True)
class IndicatorSet:
    version: str
    source: str
    indicators: tuple[Indicator, ...]


@lru_cache(maxsize=4)
def load(name: str = "petit_pas_grand_pas") -> IndicatorSet:
    raw = yaml.safe_load((DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    indicators = tuple(
        Indicator(
            code=item["code"],
            label=item["label"],
            unit=item["unit"],
            first_child=bool(item.get("first_child", False)),
            definition=" ".join(item["definition"].split()),
            version=str(item.get("version", raw["version"])),
            source=item["source"],
            review=bool(item.get("review", False)),
            kind=item.get("kind", "count"),
            numerator=item.get("numerator", ""),
            denominator=item.get("denominator", ""),
            target=item.get("target"),
            stage=item.get("stage", ""),
        )
        for item in raw["indicators"]
    )
    return IndicatorSet(version=str(raw["version"]), source=raw["source"], indicators=indicators)
