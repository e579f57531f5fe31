"""Every rule of the software that a clinician must confirm (``review: true``), with its source.

Four families of rules, each read from its own versioned data (never copied here):

- ``calendrier``: the calendar rules (``pathway/calendar/rules/*.yaml``, via the rule loader);
- ``questionnaire``: the EPDS and EPP data files in use (the file itself, levels, signals,
  care-team tasks, EPP domains);
- ``vocabulaire``: the directory vocabulary and the programme vocabularies;
- ``indicateur``: the indicator definitions (``indicators/data``).

A rule is identified by ``(kind, code, version)``: a validation holds for that version only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from millejours.indicators.definitions import load as load_indicators
from millejours.pathway.calendar.rules import get_rules
from millejours.screening import questionnaires, translations

SRC = Path(__file__).resolve().parent.parent

KINDS = {
    "calendrier": "Calendrier du parcours",
    "questionnaire": "Questionnaires (EPDS, EPP)",
    "vocabulaire": "Vocabulaires",
    "indicateur": "Indicateurs",
}

VOCABULARY_FILES = (
    "directory/data/vocabulary.yaml",
    "programme/data/themes.yaml",
    "programme/data/objectifs_appels_1000_jours.yaml",
)

_OFFICIAL_TEXT = re.compile(
    r"^(Code |Loi |Décret |Arrêté |Circulaire |Instruction |Ordonnance |Règlement )"
)
_INTERNAL = re.compile(r"/work/|shared/|\bseeds?\b|fiche action|convention d[ée]partementale", re.I)


def public_reference_problem(source: str) -> str:
    """Why ``source`` is not a public reference ("" when it is one)."""
    source = " ".join(str(source or "").split())
    if not source:
        return "source manquante"
    if _INTERNAL.search(source):
        return "référence à un document interne"
    if "https://" not in source and not _OFFICIAL_TEXT.match(source):
        return "ni adresse web publique ni texte officiel"
    return ""


@dataclass(frozen=True)
class FlaggedRule:
    kind: str
    code: str
    version: str
    label: str
    source: str
    note: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.code, self.version)

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


def _calendar() -> list[FlaggedRule]:
    return [
        FlaggedRule("calendrier", r.code, r.version, r.label, r.source, r.note)
        for r in get_rules().rules
        if r.review
    ]


def _questionnaire_rules(q) -> list[FlaggedRule]:
    """The questionnaire itself and each of its rules marked ``review``."""
    out = []

    def add(code, label, entry, note=""):
        if entry.get("review"):
            out.append(
                FlaggedRule("questionnaire", code, q.version, label, entry.get("source", ""), note)
            )

    add(q.code, q.title, {"review": q.review, "source": q.source}, q.review_note)
    for level in q.levels:
        add(f"{q.code}.niveau.{level['code']}", f"{q.title} — niveau « {level['label']} »", level)
    for name, signal in q.signals.items():
        add(f"{q.code}.signal.{name}", f"{q.title} — {signal['label']}", signal)
    for alert in q.alerts:
        add(f"{q.code}.tache.{alert['reason']}", f"{q.title} — {alert.get('label', '')}", alert)
    raw = q.raw
    if raw.get("postpartum_risk_review"):
        add(
            f"{q.code}.risque_post_partum",
            f"{q.title} — second entretien postnatal dès le niveau « {raw['postpartum_risk_from_level']} »",
            {"review": True, "source": raw.get("postpartum_risk_source", "")},
        )
    for dom in q.domains:
        add(
            f"{q.code}.domaine.{dom.code}",
            f"{q.title} — domaine « {dom.label} »",
            {"review": dom.review, "source": dom.source},
        )
    return out


def _questionnaires() -> list[FlaggedRule]:
    out = []
    for code in questionnaires.CURRENT:
        out.extend(_questionnaire_rules(questionnaires.get(code)))
    return out + _questionnaire_translations()


def _questionnaire_translations() -> list[FlaggedRule]:
    """Validated translations of a questionnaire's words (screening/translations.py)."""
    return [
        FlaggedRule(
            "questionnaire",
            f"{code}.traduction.{language}",
            str(data["version"]),
            f"{data['title']} — traduction ({language})",
            data.get("source", ""),
            " ".join(str(data.get("review_note", "")).split()),
        )
        for code, language, data in translations.translation_files()
        if data.get("review")
    ]


def vocabulary_entries() -> list[tuple[str, dict, str]]:
    """(code, entry, file version) of every vocabulary entry that carries a source."""
    out = []
    for rel in VOCABULARY_FILES:
        data = yaml.safe_load((SRC / rel).read_text(encoding="utf-8"))
        stem = Path(rel).parts[0]
        for section, entries in data.items():
            if not isinstance(entries, list):
                continue
            for entry in entries:
                if isinstance(entry, dict) and "source" in entry:
                    code = f"{stem}.{section}.{entry['code']}"
                    out.append((code, entry, str(entry.get("version", data.get("version", "")))))
    return out


def _vocabularies() -> list[FlaggedRule]:
    return [
        FlaggedRule("vocabulaire", code, version, entry["label"], entry["source"])
        for code, entry, version in vocabulary_entries()
        if entry.get("review")
    ]


def _indicators() -> list[FlaggedRule]:
    return [
        FlaggedRule("indicateur", i.code, i.version, i.label, i.source, i.definition)
        for i in load_indicators().indicators
        if i.review
    ]


def flagged_rules() -> list[FlaggedRule]:
    """Every rule marked ``review: true`` in the data in use, grouped by kind."""
    return [*_calendar(), *_questionnaires(), *_vocabularies(), *_indicators()]


def find(kind: str, code: str, version: str) -> FlaggedRule | None:
    return next((r for r in flagged_rules() if r.key == (kind, code, version)), None)
