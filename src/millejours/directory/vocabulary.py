"""The directory vocabulary: data·inclusion enums plus the perinatal extensions.

Everything is read once from the package ``data_inclusion.schema.v1`` and from
``data/vocabulary.yaml`` (versioned, with sources).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from data_inclusion.schema.v1 import Frais, ModeAccueil, Public, Thematique, TypeService

DATA_FILE = Path(__file__).parent / "data" / "vocabulary.yaml"


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def vocabulary_version() -> str:
    return str(_data()["version"])


def _yaml_labels(section: str) -> Callable[[], dict[str, str]]:
    """The reader (cached) of one list of ``data/vocabulary.yaml``: code -> French label."""
    return lru_cache(maxsize=1)(
        lambda: {entry["code"]: entry["label"] for entry in _data()[section]}
    )


def _enum_labels(enum: Iterable[Any]) -> Callable[[], dict[str, str]]:
    """The reader (cached) of a data·inclusion enum: value -> label."""
    return lru_cache(maxsize=1)(lambda: {item.value: item.label for item in enum})


typologies = _yaml_labels("typologies")  # perinatal types of structures
extension_themes = _yaml_labels("thematiques")  # the perinatal themes added to data·inclusion's
langues = _yaml_labels("langues")


@lru_cache(maxsize=1)
def thematiques() -> dict[str, str]:
    """All themes accepted: the data·inclusion ones and the perinatal extensions."""
    return {item.value: item.label for item in Thematique} | extension_themes()


@lru_cache(maxsize=1)
def theme_to_data_inclusion() -> dict[str, str]:
    """Theme code -> the data·inclusion thématique used on export."""
    mapping = {item.value: item.value for item in Thematique}
    mapping.update({entry["code"]: entry["maps_to"] for entry in _data()["thematiques"]})
    return mapping


publics = _enum_labels(Public)
modes_accueil = _enum_labels(ModeAccueil)
types_service = _enum_labels(TypeService)
frais = _enum_labels(Frais)


def theme_choices(perinatal_first: bool = True) -> list[tuple[str, str]]:
    """Choices for a select: perinatal themes first, then data·inclusion ones."""
    ext = list(extension_themes().items())
    di = sorted(
        ((k, v) for k, v in thematiques().items() if k not in extension_themes()),
        key=lambda kv: kv[0],
    )
    return ext + di if perinatal_first else di + ext
