"""Validated translations of a questionnaire's wording (docs/langues.md).

A questionnaire is shown in another language only with a **validated** translation,
stored as a data file next to the French one (``data/traduction-<code>-<language>-*.yaml``, with
``translates:`` and ``language:``). The file holds the words only: the items and options
keep the codes of the French file, whose points, levels, signals and alerts are used
unchanged, so that the score and the item-10 alert never depend on the language.
Without a validated translation the French questionnaire is shown (the page says so).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import yaml
from django.utils.translation import gettext_noop

from .questionnaires import DATA_DIR, Option, Questionnaire

# (questionnaire code, language) → translation file. French is the source language.
FILES: dict[tuple[str, str], str] = {
    ("epds", "en"): "traduction-epds-en-cox-1987.v1.yaml",
}

# The EPDS level labels of the data file, for the message catalogues (result page and
# history are translated; tests check that these are the labels of the data file).
LEVEL_LABELS = (
    gettext_noop("Score rassurant"),
    gettext_noop("Vigilance"),
    gettext_noop("Score élevé"),
)


class TranslationMismatch(ValueError):
    """A translation file whose items or options differ from the French questionnaire."""


@dataclass(frozen=True)
class Wording:
    """What the page shows: the questionnaire and the language of its words."""

    questionnaire: Questionnaire
    language: str
    validated_translation: bool  # False: the French text, for want of a validated one


@cache
def load_translation(filename: str) -> dict:
    with open(DATA_DIR / filename, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def translated(q: Questionnaire, data: dict) -> Questionnaire:
    """``q`` with the words of ``data`` (same item and option codes, same points)."""
    words = data["items"]
    if set(words) != {it.code for it in q.items}:
        raise TranslationMismatch(f"{data['version']}: items differ from {q.version}")
    items = []
    for item in q.items:
        labels = words[item.code].get("options", {})
        if set(labels) != {o.code for o in item.options}:
            raise TranslationMismatch(f"{data['version']}: options of {item.code} differ")
        options = tuple(Option(o.code, labels[o.code], o.points) for o in item.options)
        items.append(replace(item, text=words[item.code]["text"], options=options))
    flat = {k: " ".join(str(data.get(k, "")).split()) for k in ("citation", "intro")}
    return replace(
        q,
        title=data["title"],
        citation=flat["citation"],
        intro=flat["intro"],
        intro_pregnancy=" ".join(str(data.get("intro_pregnancy") or flat["intro"]).split()),
        recall=data.get("recall", q.recall),
        items=tuple(items),
    )


def wording(q: Questionnaire, language: str) -> Wording:
    """The questionnaire to show in ``language``: its validated translation, or French."""
    if language == "fr":
        return Wording(q, "fr", True)
    filename = FILES.get((q.code, language))
    if filename is None:
        return Wording(q, "fr", False)
    return Wording(translated(q, load_translation(filename)), language, True)


def translation_files() -> list[tuple[str, str, dict]]:
    """(questionnaire code, language, data) of every translation file, for the review page."""
    return [(code, lang, load_translation(name)) for (code, lang), name in FILES.items()]
