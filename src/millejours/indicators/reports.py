"""Report templates (``data/reports/*.yaml``) and the data of a built report.

A template names its sections and, in each, the indicators it shows (a code of
``data/millejours.yaml``, or ``petit_pas_grand_pas:<code>`` for the « Petits pas grands pas » fiche) and
the breakdown drawn under them (``month``, ``commune`` or ``none``). Every figure comes from
``published`` (small cells suppressed) — a report never sees a raw count.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from django.utils import timezone

from millejours.territory.models import Commune

from . import selectors, suppression
from .published import Line, Published, published_indicators

REPORTS_DIR = Path(__file__).parent / "data" / "reports"
MIN_YEAR = 2000


class ReportError(ValueError):
    """A French message for a report that cannot be built (unknown name, bad year)."""


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    intro: str
    source: str
    sections: tuple[dict, ...]


@dataclass
class Section:
    title: str
    breakdown: str
    indicators: list[Published]


@dataclass
class ReportData:
    name: str
    title: str
    year: int
    intro: str
    source: str
    sections: list[Section]
    communes: dict

    def indicators(self) -> list[Published]:
        seen, out = set(), []
        for section in self.sections:
            for item in section.indicators:
                if item.code not in seen:
                    seen.add(item.code)
                    out.append(item)
        return out

    def as_json(self) -> dict:
        return {
            "report": self.name,
            "title": self.title,
            "year": self.year,
            "suppression": f"Effectifs de 1 à 4, et ce qui permettrait de les retrouver, publiés « {suppression.SUPPRESSED} ».",
            "indicators": [item.as_json() for item in self.indicators()],
        }


@lru_cache(maxsize=1)
def templates() -> dict[str, Template]:
    out = {}
    for path in sorted(REPORTS_DIR.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[raw["name"]] = Template(
            raw["name"],
            raw["title"],
            " ".join(raw["intro"].split()),
            raw["source"],
            tuple(raw["sections"]),
        )
    return out


def check(name: str, year) -> tuple[Template, int]:
    if name not in templates():
        raise ReportError(f"Rapport inconnu : « {name} » (rapports : {', '.join(templates())}).")
    try:
        year = int(str(year))
    except ValueError:
        raise ReportError(f"Année invalide : « {year} » (attendu : AAAA).") from None
    if not MIN_YEAR <= year <= timezone.localdate().year + 1:
        raise ReportError(
            f"Année hors limites : {year} (de {MIN_YEAR} à {timezone.localdate().year + 1})."
        )
    return templates()[name], year


def petit_pas_grand_pas_published(codes: list[str] | None, year: int) -> dict[str, Published]:
    """The « Petits pas grands pas » indicators of ``year`` (all when ``codes`` is None), suppressed for publication."""
    out = {}
    for row in selectors.petit_pas_grand_pas_table([year]):
        if codes is not None and row.indicator.code not in codes:
            continue
        total = row.values[year]
        first = (row.first_child or {}).get(year)
        extra = {}
        if first is not None:
            table = suppression.suppress([[first, total - first]], col_totals=False)
            shown_total, extra = table.published(0, 2), {"first_child": table.published(0, 0)}
        else:
            shown_total = suppression.suppress([[total]], col_totals=False).published(0, 0)
        ind = row.indicator
        out[f"petit_pas_grand_pas:{ind.code}"] = Published(
            code=ind.code,
            label=ind.label,
            kind="count",
            unit=ind.unit,
            target=None,
            definition=ind.definition,
            numerator_text=ind.definition,
            denominator_text="",
            source=ind.source,
            review=ind.review,
            total=Line("total", shown_total, None, shown_total),
            by_month=[],
            by_commune=[],
            extra=extra,
        )
    return out


def build(name: str, year) -> ReportData:
    template, year = check(name, year)
    wanted = [code for section in template.sections for code in section["indicators"]]
    local = [c for c in wanted if ":" not in c]
    found = {p.code: p for p in published_indicators(year, local)} if local else {}
    found |= petit_pas_grand_pas_published(
        [c.split(":", 1)[1] for c in wanted if c.startswith("petit_pas_grand_pas:")], year
    )
    sections = [
        Section(s["title"], s.get("breakdown", "none"), [found[c] for c in s["indicators"]])
        for s in template.sections
    ]
    ids = {line.key for p in found.values() for line in p.by_commune}
    communes = {c.pk: c for c in Commune.objects.filter(pk__in=[i for i in ids if i is not None])}
    return ReportData(
        template.name, template.title, year, template.intro, template.source, sections, communes
    )
