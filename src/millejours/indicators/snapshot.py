"""Save and read back the pre-aggregated figures (``models.IndicatorSnapshot``).

``refresh(years)`` recomputes and stores them (the scheduler's nightly job);
``figures_for(year)`` gives the stored figures when they are less than ``MAX_AGE`` old,
else computes them live (and says when they were computed).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from .definitions import load
from .models import IndicatorSnapshot
from .thousand_days import Cell, Figures, compute

MAX_AGE = timedelta(hours=26)  # one nightly run, with some slack


def _cell(cell: Cell) -> list:
    return [float(cell.numerator), cell.denominator, cell.delays]


def _uncell(raw: list) -> Cell:
    numerator = raw[0]
    return Cell(
        int(numerator) if float(numerator).is_integer() else numerator, raw[1], list(raw[2])
    )


def dump(figures: list[Figures]) -> dict:
    return {
        f.indicator.code: {
            "month": {str(m): _cell(c) for m, c in f.by_month.items()},
            "commune": [[k, _cell(c)] for k, c in f.by_commune.items()],
            "total": _cell(f.total),
        }
        for f in figures
    }


def restore(raw: dict) -> list[Figures]:
    out = []
    for indicator in load("millejours").indicators:
        item = raw.get(indicator.code)
        if item is None:
            return []  # definitions changed since: recompute
        out.append(
            Figures(
                indicator,
                {int(m): _uncell(c) for m, c in item["month"].items()},
                {k: _uncell(c) for k, c in item["commune"]},
                _uncell(item["total"]),
            )
        )
    return out


def refresh(years: list[int]) -> dict:
    for year in years:
        IndicatorSnapshot.objects.update_or_create(
            year=year, defaults={"computed_at": timezone.now(), "figures": dump(compute(year))}
        )
    return {"years": years}


def figures_for(year: int):
    """``(figures, computed_at)``: stored when fresh, else live (``computed_at`` = now)."""
    stored = IndicatorSnapshot.objects.filter(
        year=year, computed_at__gte=timezone.now() - MAX_AGE
    ).first()
    if stored is not None:
        figures = restore(stored.figures)
        if figures:
            return figures, stored.computed_at
    return compute(year), timezone.now()
