"""The prevention check-up as versioned data (``data/bilan-prevention.v*.yaml``).

Pure functions, no database. Built on the questionnaire engine's vocabulary
(``screening.questionnaires``: options, ``AnswerError``): a check-up has no score, but
each question may carry a knowledge item (« vrai ou faux ? », explained after sending,
with a public source) and answers that propose an EPP vulnerability flag.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import gettext

from millejours.screening.questionnaires import AnswerError, Option

DATA_DIR = Path(__file__).resolve().parent / "data"
CURRENT = "bilan-prevention.v1.yaml"
RULER = range(0, 11)  # motivational-interviewing rulers: 0 to 10


@dataclass(frozen=True)
class Knowledge:
    code: str
    statement: str
    answer: str  # vrai | faux
    explanation: str
    source: str
    review: bool


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    options: tuple[Option, ...]
    domain: str
    flag_when: tuple[str, ...] = ()
    flag_domain: str = ""
    knowledge: Knowledge | None = None

    def option_label(self, code: str) -> str:
        return next((o.label for o in self.options if o.code == code), "")


@dataclass(frozen=True)
class Domain:
    code: str
    label: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Checkup:
    code: str
    version: str
    title: str
    source: str
    review: bool
    intro: str
    domains: tuple[Domain, ...]
    knowledge_options: tuple[Option, ...]

    def domain(self, code: str) -> Domain:
        """The domain ``code`` (``KeyError`` when unknown)."""
        return {dom.code: dom for dom in self.domains}[code]

    @property
    def domain_codes(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.domains)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for d in self.domains for q in d.questions)

    def clean(self, answers: dict) -> dict:
        """Known questions only, known options only; a question may be left blank."""
        cleaned = {}
        for q in self.questions:
            value = answers.get(q.code)
            if value not in (None, ""):
                if value not in {o.code for o in q.options}:
                    raise AnswerError(
                        gettext("Réponse inconnue pour la question « %(text)s ».")
                        % {"text": q.text}
                    )
                cleaned[q.code] = value
            if q.knowledge:
                known = answers.get(q.knowledge.code)
                if known not in (None, ""):
                    if known not in {o.code for o in self.knowledge_options}:
                        raise AnswerError(
                            gettext("Réponse inconnue pour « %(text)s ».")
                            % {"text": q.knowledge.statement}
                        )
                    cleaned[q.knowledge.code] = known
        if not cleaned:
            raise AnswerError(gettext("Répondez à au moins une question avant d'envoyer le bilan."))
        return cleaned

    def clean_motivation(self, motivation: dict) -> dict:
        """{domain: {talk: bool, importance: 0–10 | None, confidence: 0–10 | None}}."""
        cleaned = {}
        for code in self.domain_codes:
            raw = motivation.get(code) or {}
            row: dict[str, bool | int | None] = {"talk": bool(raw.get("talk"))}
            for ruler in ("importance", "confidence"):
                value = raw.get(ruler)
                if value in (None, ""):
                    row[ruler] = None
                    continue
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    raise AnswerError(gettext("Les réglettes vont de 0 à 10.")) from None
                if value not in RULER:
                    raise AnswerError(gettext("Les réglettes vont de 0 à 10."))
                row[ruler] = value
            cleaned[code] = row
        return cleaned

    def flags(self, answers: dict) -> list[tuple[str, str]]:
        """(EPP domain, question code) proposed by ``answers``, one per EPP domain."""
        seen, out = set(), []
        for q in self.questions:
            if q.flag_domain and answers.get(q.code) in q.flag_when and q.flag_domain not in seen:
                seen.add(q.flag_domain)
                out.append((q.flag_domain, q.code))
        return out

    def knowledge_feedback(self, answers: dict) -> list[dict]:
        """Each knowledge item with the person's answer and the sourced explanation."""
        rows = []
        for q in self.questions:
            k = q.knowledge
            if k is None:
                continue
            given = answers.get(k.code, "")
            rows.append(
                {
                    "knowledge": k,
                    "domain": q.domain,
                    "given": given,
                    "correct": given == k.answer,
                    "answer_label": "Vrai" if k.answer == "vrai" else "Faux",
                }
            )
        return rows


def _options(sets: dict, name: str) -> tuple[Option, ...]:
    return tuple(Option(code=str(o["code"]), label=o["label"], points=0) for o in sets[name])


def _question(raw: dict, domain: str, sets: dict) -> Question:
    flag = raw.get("flag") or {}
    k = raw.get("knowledge")
    knowledge = None
    if k:
        if not k.get("source", "").startswith("https://"):
            raise ValueError(f"Knowledge item of {raw['code']} without a public source")
        knowledge = Knowledge(
            code=f"{raw['code']}_vrai_faux",
            statement=k["statement"],
            answer=k["answer"],
            explanation=" ".join(k["explanation"].split()),
            source=k["source"],
            review=bool(k.get("review")),
        )
    return Question(
        code=raw["code"],
        text=raw["text"],
        options=_options(sets, raw["options"]),
        domain=domain,
        flag_when=tuple(flag.get("when", ())),
        flag_domain=flag.get("domain", ""),
        knowledge=knowledge,
    )


def _build(data: dict) -> Checkup:
    sets = data["option_sets"]
    domains = tuple(
        Domain(
            code=d["code"],
            label=d["label"],
            questions=tuple(_question(q, d["code"], sets) for q in d["questions"]),
        )
        for d in data["domains"]
    )
    return Checkup(
        code=data["code"],
        version=str(data["version"]),
        title=data["title"],
        source=data["source"],
        review=bool(data.get("review")),
        intro=" ".join(str(data.get("intro", "")).split()),
        domains=domains,
        knowledge_options=_options(sets, "vrai_faux"),
    )


@cache
def load_file(filename: str) -> Checkup:
    with open(DATA_DIR / filename, encoding="utf-8") as fh:
        return _build(yaml.safe_load(fh))


def get(version: str | None = None) -> Checkup:
    """The current check-up, or the stored ``version`` (answers keep their version)."""
    if version is None:
        return load_file(CURRENT)
    for path in sorted(DATA_DIR.glob("bilan-prevention.v*.yaml")):
        q = load_file(path.name)
        if q.version == version:
            return q
    raise KeyError(version)
