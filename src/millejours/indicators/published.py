"""The figures that may leave the platform: the 1000-days indicators after suppression.

A rate is published with its numerator and denominator: per group (month, commune) the
table ``[numerator, denominator − numerator]`` with its row totals (the denominators) and
column totals (the year) goes through ``suppression.suppress`` (so that neither the
« yes » nor the « no » count of a small group can be read, nor deduced from the year);
the rate is suppressed when one of its counts is. A count is a one-column table with its
total. A median is suppressed when it rests on fewer than 5 units. Hours (a sum) are not
counts of people and are published as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import suppression
from .suppression import SUPPRESSED
from .thousand_days import Cell, Figures, compute, value_of


@dataclass
class Line:
    key: object  # month number, commune id, or "total"
    numerator: object
    denominator: object
    value: object


@dataclass
class Published:
    code: str
    label: str
    kind: str
    unit: str
    target: float | None
    definition: str
    numerator_text: str
    denominator_text: str
    source: str
    review: bool
    total: Line
    by_month: list[Line]
    by_commune: list[Line]
    stage: str = ""
    extra: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return self.extra | {
            "code": self.code,
            "label": self.label,
            "value": self.total.value,
            "unit": self.unit,
            "kind": self.kind,
            "stage": self.stage,
            "numerator": self.total.numerator,
            "denominator": self.total.denominator,
            "target": self.target,
            "definition": self.definition,
            "numerator_definition": self.numerator_text,
            "denominator_definition": self.denominator_text,
            "source": self.source,
            "review": self.review,
            "by_month": [_line_json(line) for line in self.by_month],
            "by_commune": [_line_json(line) for line in self.by_commune],
        }


def _line_json(line: Line) -> dict:
    return {
        "key": line.key,
        "numerator": line.numerator,
        "denominator": line.denominator,
        "value": line.value,
    }


def _lines(
    figures: Figures, keys: list, cells: list[Cell], totals: dict | None = None
) -> tuple[list[Line], dict]:
    """Suppressed lines for ``keys`` then the total line (last), and the hidden state of the
    totals row (to be kept by the other breakdown of the same indicator: ``totals``)."""
    indicator = figures.indicator
    kind = indicator.kind
    total = figures.total
    height = len(cells)
    preset = {(height, j): hidden for j, hidden in (totals or {}).items()}
    if kind == "rate":
        table = suppression.suppress(
            [[int(c.numerator), c.denominator - int(c.numerator)] for c in cells], preset=preset
        )
        out = []
        for i, key in enumerate([*keys, "total"]):
            hidden = (i, 0) in table.suppressed or (i, 2) in table.suppressed
            cell = cells[i] if i < len(cells) else total
            value = SUPPRESSED if hidden else value_of(indicator, cell)
            out.append(Line(key, table.published(i, 0), table.published(i, 2), value))
        return out, _totals_state(table)
    if kind == "median":
        table = suppression.suppress(
            [[c.denominator] for c in cells], row_totals=False, preset=preset
        )
        return [
            Line(
                key,
                None,
                table.published(i, 0),
                SUPPRESSED
                if (c.denominator < suppression.THRESHOLD or (i, 0) in table.suppressed)
                else value_of(indicator, c),
            )
            for i, (key, c) in enumerate(zip([*keys, "total"], [*cells, total], strict=False))
        ], _totals_state(table)
    if kind == "sum":
        return [
            Line(key, value_of(indicator, c), c.denominator, value_of(indicator, c))
            for key, c in zip([*keys, "total"], [*cells, total], strict=False)
        ], {}
    table = suppression.suppress(
        [[int(c.numerator)] for c in cells], row_totals=False, preset=preset
    )
    return [
        Line(key, table.published(i, 0), None, table.published(i, 0))
        for i, key in enumerate([*keys, "total"])
    ], _totals_state(table)


def _totals_state(table) -> dict:
    width = table.width + (1 if table.row_totals else 0)
    return {j: (table.height, j) in table.suppressed for j in range(width)}


def publish_figures(figures: Figures) -> Published:
    indicator = figures.indicator
    months = list(range(1, 13))
    by_month, totals = _lines(figures, months, [figures.by_month[m] for m in months])
    communes = sorted(figures.by_commune, key=lambda k: (k is None, k or 0))
    by_commune = (
        _lines(figures, communes, [figures.by_commune[k] for k in communes], totals)[0]
        if communes
        else []
    )
    total = by_month[-1]
    return Published(
        code=indicator.code,
        label=indicator.label,
        kind=indicator.kind,
        unit=indicator.unit,
        target=indicator.target,
        definition=indicator.definition,
        numerator_text=indicator.numerator,
        denominator_text=indicator.denominator,
        source=indicator.source,
        review=indicator.review,
        total=total,
        by_month=by_month[:-1],
        by_commune=by_commune[:-1],
        stage=indicator.stage,
    )


def published_indicators(year: int, codes: list[str] | None = None) -> list[Published]:
    return [publish_figures(figures) for figures in compute(year, codes)]
