"""The directory vocabulary: data·inclusion enums plus the perinatal extensions.

Everything is read once from the package ``data_inclusion.schema.v1`` and from
``data/vocabulary.yaml`` (versioned, with sources).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import yaml
from data_inclusion.schema.v1 import Frais, ModeAccueil, Public, Thematique, TypeService

DATA_FILE = Path(__file__).parent / "data" / "vocabulary.yaml"


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def _labels_in(section: str) -> Callable[[], dict[str, str]]:
    """A cached reader of a section of ``data/vocabulary.yaml``: code -> French label."""
    return lru_cache(maxsize=1)(
        lambda: {entry["code"]: entry["label"] for entry in _data()[section]}
    )


def _enum_labels(enum: Iterable[Any]) -> dict[str, str]:
    return {item.value: item.label for item in enum}


def _labels_of(enum: Iterable[Any]) -> Callable[[], dict[str, str]]:
    """A cached reader of a data·inclusion enum: code -> French label."""
    return lru_cache(maxsize=1)(partial(_enum_labels, enum))


typologies = _labels_in("typologies")  # perinatal types of structures
extension_themes = _labels_in("thematiques")  # the perinatal themes only
langues = _labels_in("langues")
publics = _labels_of(Public)
modes_accueil = _labels_of(ModeAccueil)
types_service = _labels_of(TypeService)
frais = _labels_of(Frais)


@lru_cache(maxsize=1)
def thematiques() -> dict[str, str]:
    """All themes accepted: the data·inclusion ones and the perinatal extensions."""
    return _enum_labels(Thematique) | extension_themes()


@lru_cache(maxsize=1)
def theme_to_data_inclusion() -> dict[str, str]:
    """Theme code -> the data·inclusion thématique used on export."""
    mapping = {item.value: item.value for item in Thematique}
    mapping.update({entry["code"]: entry["maps_to"] for entry in _data()["thematiques"]})
    return mapping


def theme_choices(perinatal_first: bool = True) -> list[tuple[str, str]]:
    """Choices for a select: perinatal themes first, then data·inclusion ones."""
    ext = list(extension_themes().items())
    di = sorted(
        ((k, v) for k, v in thematiques().items() if k not in extension_themes()),
        key=lambda kv: kv[0],
    )
    return ext + di if perinatal_first else di + ext
