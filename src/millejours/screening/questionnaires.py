"""The questionnaire engine: versioned data files (``data/*.yaml``) → items, scores, levels.

Pure functions (no database): the ``millejours score`` command, the EPDS pages and the EPP
pages all score through :func:`score`, so that there is one scoring code path.

Each option carries its own ``points`` in the data file: nothing is ever "reversed" here.
A rule (``when``) is a condition or ``{"any": [...]}``/``{"all": [...]}`` of conditions;
a condition is ``{"total_gte": N}``, ``{"total_lte": N}``, ``{"item": CODE, "points_gte": N}``
or ``{"item": CODE, "equals": OPTION_CODE}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"

# Questionnaire code → data file of the version in use (older versions stay loadable).
CURRENT = {
    "epds": "epds-fr-guedeney-1998.v2.yaml",
    "epp": "epp-vulnerabilites.v2.yaml",
}


class AnswerError(ValueError):
    """Invalid answers (message in French, shown to the person)."""


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    points: int


@dataclass(frozen=True)
class Item:
    code: str
    text: str
    type: str = "choice"  # choice | text
    options: tuple[Option, ...] = ()
    section: str = ""
    number: int | None = None
    required: bool = True
    sensitive: bool = False
    show_if: dict | None = None
    domain: str = ""
    hint: str = ""

    def option(self, code: str) -> Option:
        for opt in self.options:
            if opt.code == code:
                return opt
        raise AnswerError(f"Réponse inconnue pour la question « {self.text} ».")

    @property
    def max_points(self) -> int:
        return max((o.points for o in self.options), default=0)


@dataclass(frozen=True)
class Domain:
    code: str
    label: str
    question: str
    hint: str
    orientations: tuple[dict, ...]
    source: str = ""
    review: bool = False
    postpartum_risk: bool = False


@dataclass(frozen=True)
class Result:
    total: int
    level: str
    level_label: str
    signals: dict[str, bool]
    points: dict[str, int]
    flags: tuple[str, ...] = ()

    @property
    def contact_offer(self) -> bool:
        return self.signals.get("contact_offer", False)

    @property
    def alert(self) -> bool:
        return self.signals.get("alert", False)

    def as_contract(self) -> dict:
        """The JSON of the ``millejours score`` command contract."""
        return {
            "total": self.total,
            "level": self.level,
            "contact_offer": self.contact_offer,
            "alert": self.alert,
        }


@dataclass(frozen=True)
class Questionnaire:
    code: str
    version: str
    title: str
    citation: str
    source: str
    review: bool
    review_note: str
    items: tuple[Item, ...]
    levels: tuple[dict, ...] = ()
    signals: dict = field(default_factory=dict)
    domains: tuple[Domain, ...] = ()
    sections: tuple[dict, ...] = ()
    intro: str = ""
    intro_pregnancy: str = ""
    recall: str = ""
    retest_after_days: int | None = None
    alerts: tuple[dict, ...] = ()
    postpartum_risk_from_level: str = ""
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    def item(self, code: str) -> Item:
        for it in self.items:
            if it.code == code:
                return it
        raise KeyError(code)

    def domain(self, code: str) -> Domain:
        for dom in self.domains:
            if dom.code == code:
                return dom
        raise KeyError(code)

    @property
    def choice_items(self) -> tuple[Item, ...]:
        return tuple(it for it in self.items if it.type == "choice")

    def level_label(self, code: str) -> str:
        for lvl in self.levels:
            if lvl["code"] == code:
                return lvl["label"]
        return code

    def level_rank(self, code: str) -> int:
        return [lvl["code"] for lvl in self.levels].index(code)

    def alert_for(self, result: Result) -> dict | None:
        """The first alert rule that ``result`` triggers (item 10 first), or None."""
        ctx = {"total": result.total, "points": result.points, "answers": {}}
        for rule in self.alerts:
            if _matches(rule["when"], ctx) or rule.get("also_when_level") == result.level:
                return rule
        return None

    def is_postpartum_risk(self, result: Result) -> bool:
        threshold = self.postpartum_risk_from_level
        return bool(threshold and result.level) and self.level_rank(
            result.level
        ) >= self.level_rank(threshold)

    # --- answers -----------------------------------------------------------------------
    def is_shown(self, item: Item, answers: dict) -> bool:
        cond = item.show_if
        if not cond:
            return True
        return answers.get(cond["item"]) in cond.get("in", [cond.get("equals")])

    def answers_from_positions(self, positions: list[int]) -> dict[str, str]:
        """Positions (0-based, original order) of the choice items → {item: option code}."""
        items = self.choice_items
        if len(positions) != len(items):
            raise AnswerError(
                f"Il faut exactement {len(items)} réponses ({len(positions)} reçues)."
            )
        answers = {}
        for item, pos in zip(items, positions, strict=True):
            if not 0 <= pos < len(item.options):
                raise AnswerError(
                    f"Réponse {pos} hors limites pour la question {item.number or item.code} "
                    f"(attendu : 0 à {len(item.options) - 1})."
                )
            answers[item.code] = item.options[pos].code
        return answers

    def clean(self, answers: dict) -> dict:
        """Validated answers: unknown option → error, required shown item missing → error,
        answers to hidden items dropped."""
        cleaned: dict[str, Any] = {}
        for item in self.items:
            if not self.is_shown(item, {**answers, **cleaned}):
                continue
            value = answers.get(item.code)
            if value in (None, ""):
                if item.required and item.type == "choice":
                    raise AnswerError(f"Répondez à la question « {item.text} ».")
                continue
            if item.type == "choice":
                item.option(value)
            cleaned[item.code] = value
        return cleaned

    # --- scoring -----------------------------------------------------------------------
    def points(self, answers: dict) -> dict[str, int]:
        return {
            it.code: it.option(answers[it.code]).points
            for it in self.choice_items
            if answers.get(it.code) not in (None, "")
        }

    def score(self, answers: dict) -> Result:
        points = self.points(answers)
        total = sum(points.values())
        ctx = {"total": total, "points": points, "answers": answers}
        level = ""
        for lvl in self.levels:
            if _matches(lvl["when"], ctx):
                level = lvl["code"]
        signals = {name: _matches(rule["when"], ctx) for name, rule in self.signals.items()}
        flags = tuple(d.code for d in self.domains if answers.get(d.code) == "oui")
        return Result(
            total=total,
            level=level,
            level_label=self.level_label(level) if level else "",
            signals=signals,
            points=points,
            flags=flags,
        )


def _matches(rule: dict, ctx: dict) -> bool:
    if "any" in rule:
        return any(_matches(r, ctx) for r in rule["any"])
    if "all" in rule:
        return all(_matches(r, ctx) for r in rule["all"])
    if "total_gte" in rule:
        return ctx["total"] >= rule["total_gte"]
    if "total_lte" in rule:
        return ctx["total"] <= rule["total_lte"]
    if "points_gte" in rule:
        return ctx["points"].get(rule["item"], 0) >= rule["points_gte"]
    if "equals" in rule:
        return ctx["answers"].get(rule["item"]) == rule["equals"]
    raise ValueError(f"Unknown rule: {rule!r}")


def _options(raw) -> tuple[Option, ...]:
    return tuple(
        Option(code=str(o["code"]), label=o["label"], points=int(o["points"])) for o in raw or ()
    )


def _item(raw: dict) -> Item:
    """One question of the file's ``items``."""
    return Item(
        code=raw["code"],
        text=raw["text"],
        type=raw.get("type", "choice"),
        options=_options(raw.get("options")),
        section=raw.get("section", ""),
        number=raw.get("number"),
        required=raw.get("required", True),
        sensitive=raw.get("sensitive", False),
        show_if=raw.get("show_if"),
    )


def _domain(raw: dict, options: Any) -> tuple[Domain, list[Item]]:
    """A vulnerability domain (EPP) and its two questions: yes/no (``options``), then the
    details, shown when the answer is yes."""
    dom = Domain(
        code=raw["code"],
        label=raw["label"],
        question=raw["question"],
        hint=raw.get("hint", ""),
        orientations=tuple(raw.get("orientations", ())),
        source=raw.get("source", ""),
        review=raw.get("review", False),
        postpartum_risk=raw.get("postpartum_risk", False),
    )
    question = Item(
        code=dom.code,
        text=dom.question,
        options=_options(options),
        section="domaines",
        sensitive=True,
        domain=dom.code,
        hint=dom.hint,
    )
    details = Item(
        code=f"{dom.code}_precisions",
        text=f"{dom.label} : précisions",
        type="text",
        section="domaines",
        required=False,
        sensitive=True,
        domain=dom.code,
        show_if={"item": dom.code, "equals": "oui"},
    )
    return dom, [question, details]


def _build(data: dict) -> Questionnaire:
    items = [_item(raw) for raw in data["items"]]
    domains = []
    domain_items = []
    for raw in data.get("domains", ()):
        dom, questions = _domain(raw, data["domain_options"])
        domains.append(dom)
        domain_items.extend(questions)
    if domain_items:
        # Domain questions come after the first section's items, before the free text.
        first = [it for it in items if it.section != "projet"]
        rest = [it for it in items if it.section == "projet"]
        items = first + domain_items + rest
    return Questionnaire(
        code=data["code"],
        version=str(data["version"]),
        title=data["title"],
        citation=" ".join(str(data.get("citation", "")).split()),
        source=data.get("source", ""),
        review=bool(data.get("review", False)),
        review_note=" ".join(str(data.get("review_note", "")).split()),
        items=tuple(items),
        levels=tuple(data.get("levels", ())),
        signals=dict(data.get("signals", {})),
        domains=tuple(domains),
        sections=tuple(data.get("sections", ())),
        intro=" ".join(str(data.get("intro", "")).split()),
        intro_pregnancy=" ".join(str(data.get("intro_pregnancy") or data.get("intro", "")).split()),
        recall=data.get("recall", ""),
        retest_after_days=data.get("retest_after_days"),
        alerts=tuple(data.get("alerts", ())),
        postpartum_risk_from_level=data.get("postpartum_risk_from_level", ""),
        raw=data,
    )


@cache
def load_file(filename: str) -> Questionnaire:
    with open(DATA_DIR / filename, encoding="utf-8") as fh:
        return _build(yaml.safe_load(fh))


def get(code: str, version: str | None = None) -> Questionnaire:
    """The questionnaire ``code`` in its current version, or in ``version`` (stored ones)."""
    if version is None:
        return load_file(CURRENT[code])
    return _stored_version(code, version)


@cache
def _stored_version(code: str, version: str) -> Questionnaire:
    """The file of a stored version (looked up once: a flag's label asks for it on every row)."""
    for path in sorted(DATA_DIR.glob(f"{code}-*.yaml")):
        q = load_file(path.name)
        if q.version == version:
            return q
    raise KeyError(f"{code} {version}")


def epds() -> Questionnaire:
    return get("epds")


def epp() -> Questionnaire:
    return get("epp")


def score_epds_positions(positions: list[int]) -> Result:
    """The command's entry point: option positions in the original order → result."""
    q = epds()
    return q.score(q.answers_from_positions(positions))
