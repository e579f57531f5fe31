"""The directory vocabulary: data·inclusion enums plus the perinatal extensions.

Everything is read once from the package ``data_inclusion.schema.v1`` and from
``data/vocabulary.yaml`` (versioned, with sources).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from data_inclusion.schema.v1 import Frais, ModeAccueil, Public, Thematique, TypeService

DATA_FILE = Path(__file__).parent / "data" / "vocabulary.yaml"


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def vocabulary_version() -> str:
    return str(_data()["version"])


@lru_cache(maxsize=1)
def typologies() -> dict[str, str]:
    """Perinatal types of structures: code -> French label."""
    return {entry["code"]: entry["label"] for entry in _data()["typologies"]}


@lru_cache(maxsize=1)
def thematiques() -> dict[str, str]:
    """All themes accepted: the data·inclusion ones and the perinatal extensions."""
    themes = {item.value: item.label for item in Thematique}
    themes.update({entry["code"]: entry["label"] for entry in _data()["thematiques"]})
    return themes


@lru_cache(maxsize=1)
def extension_themes() -> dict[str, str]:
    return {entry["code"]: entry["label"] for entry in _data()["thematiques"]}


@lru_cache(maxsize=1)
def theme_to_data_inclusion() -> dict[str, str]:
    """Theme code -> the data·inclusion thématique used on export."""
    mapping = {item.value: item.value for item in Thematique}
    mapping.update({entry["code"]: entry["maps_to"] for entry in _data()["thematiques"]})
    return mapping


@lru_cache(maxsize=1)
def publics() -> dict[str, str]:
    return {item.value: item.label for item in Public}


@lru_cache(maxsize=1)
def modes_accueil() -> dict[str, str]:
    return {item.value: item.label for item in ModeAccueil}


@lru_cache(maxsize=1)
def types_service() -> dict[str, str]:
    return {item.value: item.label for item in TypeService}


@lru_cache(maxsize=1)
def frais() -> dict[str, str]:
    return {item.value: item.label for item in Frais}


@lru_cache(maxsize=1)
def langues() -> dict[str, str]:
    return {entry["code"]: entry["label"] for entry in _data()["langues"]}


def theme_choices(perinatal_first: bool = True) -> list[tuple[str, str]]:
    """Choices for a select: perinatal themes first, then data·inclusion ones."""
    ext = list(extension_themes().items())
    di = sorted(
        ((k, v) for k, v in thematiques().items() if k not in extension_themes()),
        key=lambda kv: kv[0],
    )
    return ext + di if perinatal_first else di + ext
