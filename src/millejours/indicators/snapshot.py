"""Save and read back the pre-aggregated figures (``models.IndicatorSnapshot``).

``refresh(years)`` recomputes and stores them (the scheduler's nightly job);
``figures_for(year)`` gives the stored figures when they are less than ``MAX_AGE`` old,
else computes them live (and says when they were computed). The same for the « Petits pas
grands pas » dashboard: ``refresh_steps(years)`` and ``steps_table_for(years)``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from .definitions import load
from .models import IndicatorSnapshot, StepsSnapshot
from .selectors import IndicatorRow, petit_pas_grand_pas_table
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
            "version": f.indicator.version,
        }
        for f in figures
    }


def restore(raw: dict) -> list[Figures]:
    out = []
    for indicator in load("millejours").indicators:
        item = raw.get(indicator.code)
        if item is None or item.get("version") != indicator.version:
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


def refresh_steps(years: list[int]) -> None:
    """Store the « Petits pas grands pas » counts of ``years`` (one row per year)."""
    table = petit_pas_grand_pas_table(years)
    now = timezone.now()
    for year in years:
        counts = {
            row.indicator.code: [
                row.values[year],
                None if row.first_child is None else row.first_child[year],
                row.indicator.version,  # a definition changed since: counted live again
            ]
            for row in table
        }
        StepsSnapshot.objects.update_or_create(
            year=year, defaults={"computed_at": now, "counts": counts}
        )


def _restore_steps(years: list[int], stored: dict[int, dict]) -> list[IndicatorRow] | None:
    rows = []
    for indicator in load("petit_pas_grand_pas").indicators:
        found = [stored[year].get(indicator.code) for year in years]
        raw = [
            r
            for r in found
            if r is not None
            and (r[1] is None) != indicator.first_child
            and r[2:] == [indicator.version]
        ]
        if len(raw) != len(years):
            return None  # definitions changed since: recompute
        rows.append(
            IndicatorRow(
                indicator=indicator,
                values={year: r[0] for year, r in zip(years, raw, strict=True)},
                first_child={year: r[1] for year, r in zip(years, raw, strict=True)}
                if indicator.first_child
                else None,
            )
        )
    return rows


def steps_table_for(years: list[int]) -> tuple[list[IndicatorRow], datetime]:
    """``(table, computed_at)``: stored when every year is fresh, else live (``now``)."""
    stored = list(
        StepsSnapshot.objects.filter(
            year__in=years, computed_at__gte=timezone.now() - MAX_AGE
        ).values_list("year", "computed_at", "counts")
    )
    by_year = {year: counts for year, _, counts in stored}
    if set(years) <= by_year.keys():
        rows = _restore_steps(years, by_year)
        if rows is not None:
            return rows, min(at for _, at, _ in stored)
    return petit_pas_grand_pas_table(years), timezone.now()
