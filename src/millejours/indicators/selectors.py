"""Seed 002 indicators ("Petits pas grands pas"), counted per year from the data.

``seed002_table(years) -> list[IndicatorRow]`` — one aggregate query per indicator and
year range (no per-family loop, except the prenatal test of orientations, done on the
orientations of the period only).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.apps import apps
from django.db.models import Count, Model, Q, QuerySet
from django.db.models.functions import ExtractYear

from .definitions import Indicator, load

SMALL_CELL = 5
M = TypeVar("M", bound=Model)
YearCounts = tuple[dict[int, int], dict[int, int]]  # (per year, of which first children)


@dataclass
class IndicatorRow:
    indicator: Indicator
    values: dict[int, int] = field(default_factory=dict)
    first_child: dict[int, int] | None = None


def _consenting(qs: QuerySet[M], family_field: str = "family") -> QuerySet[M]:
    """Leave out families that withdrew the consent to pseudonymised indicators."""
    try:
        from millejours.audit.selectors import families_with_consent
        from millejours.pathway.models import Family
    except ImportError:
        return qs
    return qs.filter(
        **{
            f"{family_field}__in": families_with_consent(
                Family.objects.all(), "donnees_pseudonymisees"
            )
        }
    )


def _by_year(
    qs: QuerySet[Any],
    date_field: str,
    *,
    distinct: str | None = None,
    first_child_field: str | None = None,
) -> YearCounts:
    qs = qs.annotate(year=ExtractYear(date_field)).values("year").order_by("year")
    count = Count(distinct, distinct=True) if distinct else Count("pk")
    aggregates = {"n": count}
    if first_child_field:
        aggregates["p"] = (
            Count(distinct, distinct=True, filter=Q(**{first_child_field: True}))
            if distinct
            else Count("pk", filter=Q(**{first_child_field: True}))
        )
    totals: dict[int, int] = {}
    firsts: dict[int, int] = {}
    for row in qs.annotate(**aggregates):
        totals[row["year"]] = row["n"]
        if first_child_field:
            firsts[row["year"]] = row["p"]
    return totals, firsts


def _recontacted(start: date, end: date) -> YearCounts:
    from millejours.outreach.models import Recontact

    qs = _consenting(
        Recontact.objects.filter(
            occurred_on__gte=start,
            occurred_on__lte=end,
            after_message=True,
        ).filter(Q(message__isnull=True) | Q(message__channel="sms"))
    )
    return _by_year(qs, "occurred_on", distinct="family_id", first_child_field="first_child")


def _visits(start: date, end: date, by: str) -> YearCounts:
    from millejours.outreach.models import Recontact

    qs = _consenting(
        Recontact.objects.filter(
            occurred_on__gte=start, occurred_on__lte=end, kind="visite", visit_by=by
        )
    )
    return _by_year(qs, "occurred_on", first_child_field="first_child")


def _epp(start: date, end: date) -> YearCounts:
    from millejours.pathway.models import Milestone, MilestoneState

    qs = _consenting(
        Milestone.objects.filter(
            code="epp", state=MilestoneState.DONE, done_on__gte=start, done_on__lte=end
        )
    )
    return _by_year(qs, "done_on", first_child_field="pregnancy__first_child")


def _orientations(start: date, end: date) -> YearCounts:
    if not apps.is_installed("millejours.orientations"):
        return {}, {}
    try:
        Orientation = apps.get_model("orientations", "Orientation")
    except LookupError:
        return {}, {}
    from millejours.pathway.models import Child, Pregnancy

    rows = list(
        _consenting(Orientation.objects.filter(sent_at__date__gte=start, sent_at__date__lte=end))
        .exclude(state="brouillon")
        .values_list("family_id", "sent_at")
    )
    family_ids = {fid for fid, _ in rows}
    pregnancies = defaultdict(list)
    for fid, pk, lmp in Pregnancy.objects.filter(family_id__in=family_ids).values_list(
        "family_id", "pk", "lmp"
    ):
        pregnancies[fid].append((pk, lmp))
    births = dict(
        Child.objects.filter(family_id__in=family_ids).values_list("pregnancy_id", "birth_date")
    )
    totals: dict[int, int] = defaultdict(int)
    from django.utils import timezone

    for fid, sent_at in rows:
        day = timezone.localtime(sent_at).date()
        for pk, lmp in pregnancies[fid]:
            born = births.get(pk)
            if lmp <= day and (born is None or day < born) and (day - lmp).days <= 45 * 7:
                totals[day.year] += 1
                break
    return dict(totals), {}


COUNTERS = {
    "recontactes_sms": _recontacted,
    "visites_prenatales_sage_femme": lambda s, e: _visits(s, e, "sage_femme"),
    "visites_prenatales_puericultrice": lambda s, e: _visits(s, e, "puericultrice"),
    "epp_realises": _epp,
    "orientations_prenatal": _orientations,
}


def seed002_table(years: list[int]) -> list[IndicatorRow]:
    start, end = date(min(years), 1, 1), date(max(years), 12, 31)
    rows = []
    for indicator in load("seed002").indicators:
        totals, firsts = COUNTERS[indicator.code](start, end)
        rows.append(
            IndicatorRow(
                indicator=indicator,
                values={year: totals.get(year, 0) for year in years},
                first_child={year: firsts.get(year, 0) for year in years}
                if indicator.first_child
                else None,
            )
        )
    return rows


def suppress(value: int, *, funders: bool) -> int | str:
    """Primary small-cell suppression of one count (fewer than 5 → "< 5") for funders."""
    if funders and value < SMALL_CELL:
        return f"< {SMALL_CELL}"
    return value


def flat_rows(table: list[IndicatorRow], years: list[int], *, funders: bool) -> list[list[Any]]:
    """Rows for CSV / XLSX: indicator, "dont primipares" lines, one column per year.

    For funders, each year's total and its « dont primipares » go through
    ``suppression.suppress`` together (so that the non-primipares, total − primipares,
    cannot reveal a small count either)."""
    from . import suppression

    out = []
    for row in table:
        if funders:
            cells = [
                [row.first_child[y], row.values[y] - row.first_child[y]]
                if row.first_child is not None
                else [row.values[y]]
                for y in years
            ]
            grid = suppression.suppress(
                cells, row_totals=row.first_child is not None, col_totals=False
            )
            last = grid.width if row.first_child is not None else 0
            totals = [grid.published(i, last) for i in range(len(years))]
            firsts = [grid.published(i, 0) for i in range(len(years))]
        else:
            totals = [row.values[y] for y in years]
            firsts = [row.first_child[y] for y in years] if row.first_child is not None else []
        out.append([row.indicator.label, *totals, row.indicator.source])
        if row.first_child is not None:
            out.append(["  dont primipares", *firsts, row.indicator.source])
    return out
