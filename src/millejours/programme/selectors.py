"""Reads of the programme domain."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Aggregate, Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from millejours.accounts.models import User
from millejours.lib.queries import filter_given
from millejours.pathway.models import Milestone, MilestoneState

from .models import (
    Fiche,
    FichePartner,
    Indicator,
    IndicatorSource,
    IndicatorValue,
    Participation,
    Registration,
    RegistrationStatus,
    Session,
)

OVERLAP_WINDOW_DAYS = 14
LOAD_WARNING_SHARE = Decimal("0.5")


def fiche_catalogue(
    *, theme: str = "", objective: str = "", public: str = "", state: str = "", q: str = ""
) -> QuerySet[Fiche]:
    qs = filter_given(
        Fiche.objects.prefetch_related("call_objectives"),
        theme=theme,
        public_code=public,
        state=state,
    )
    if objective and str(objective).isdigit():
        qs = qs.filter(call_objectives__code=int(objective))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(carrier__icontains=q))
    return qs.order_by("title", "id")


def fiche_full(fiche_id: int | str) -> Fiche:
    """A fiche with everything its page and documents show (a fixed number of queries)."""
    return Fiche.objects.prefetch_related(
        "call_objectives",
        "objectives",
        "actions",
        "budget_lines",
        Prefetch("partner_links", queryset=FichePartner.objects.select_related("partner")),
        Prefetch("indicators", queryset=Indicator.objects.prefetch_related("values")),
    ).get(pk=fiche_id)


@dataclass
class BudgetTable:
    years: list[int]
    rows: list[dict[str, Any]]  # {"expense_item", "funder", "cells": {year: (forecast, actual)}}
    totals: dict[int, dict[str, Decimal | None]]
    grand_forecast: Decimal
    grand_actual: Decimal | None


def budget_table(fiche: Fiche) -> BudgetTable:
    """The budget as the seed 002 table: one column per year, one row per item and funder."""
    lines = list(fiche.budget_lines.all())
    years = sorted({line.year for line in lines})
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    forecasts = {y: Decimal(0) for y in years}
    actuals: dict[int, Decimal | None] = {y: None for y in years}
    for line in lines:
        key = (line.expense_item, line.funder)
        row = rows.setdefault(
            key, {"expense_item": line.expense_item, "funder": line.funder, "cells": {}}
        )
        row["cells"][line.year] = (line.forecast, line.actual)
        forecasts[line.year] += line.forecast
        if line.actual is not None:
            actuals[line.year] = (actuals[line.year] or Decimal(0)) + line.actual
    for row in rows.values():
        row["year_cells"] = [row["cells"].get(y) for y in years]
    known = [a for a in actuals.values() if a is not None]
    return BudgetTable(
        years=years,
        rows=list(rows.values()),
        totals={y: {"forecast": forecasts[y], "actual": actuals[y]} for y in years},
        grand_forecast=sum(forecasts.values(), Decimal(0)),
        grand_actual=sum(known, Decimal(0)) if known else None,
    )


# --- Indicators -----------------------------------------------------------------------------


def _by_year(
    qs: QuerySet[Any], date_field: str, aggregate: Aggregate | None = None
) -> dict[int, Decimal]:
    agg = aggregate or Count("id")
    rows = qs.annotate(y=ExtractYear(date_field)).values("y").annotate(n=agg).order_by("y")
    return {row["y"]: Decimal(row["n"] or 0) for row in rows}


def computed_counts(fiche: Fiche, source: str) -> dict[int, Decimal] | None:
    """The actual value per year of an indicator counted from the data, or None (manual)."""
    now = timezone.now()
    if source == IndicatorSource.SESSIONS:
        return _by_year(Session.objects.filter(event__fiche=fiche, starts_at__lte=now), "starts_at")
    if source == IndicatorSource.REGISTRATIONS:
        return _by_year(
            Registration.objects.filter(
                session__event__fiche=fiche, status=RegistrationStatus.CONFIRMEE
            ),
            "session__starts_at",
        )
    if source == IndicatorSource.PARTICIPANTS:
        return _by_year(
            Registration.objects.filter(session__event__fiche=fiche, attended=True),
            "session__starts_at",
        )
    if source == IndicatorSource.PRO_HOURS:
        return _by_year(Participation.objects.filter(fiche=fiche), "date", Sum("hours"))
    if source == IndicatorSource.EPP:
        # Territory-wide count of early prenatal interviews done (pathway milestones).
        return _by_year(
            Milestone.objects.filter(code="epp", state=MilestoneState.DONE, done_on__isnull=False),
            "done_on",
        )
    if source == IndicatorSource.ORIENTATIONS:
        # orientations sits above programme (docs/architecture.md): looked up by its label.
        orientation = apps.get_model("orientations", "Orientation")
        return _by_year(orientation.objects.all(), "created_at")
    return None


@dataclass
class IndicatorRow:
    indicator: Indicator
    computed: bool
    points: list[dict[str, Any]] = field(default_factory=list)  # {"year", "target", "actual"}


def indicator_rows(fiche: Fiche) -> list[IndicatorRow]:
    rows = []
    for indicator in fiche.indicators.all():
        stored = {v.year: v for v in indicator.values.all()}
        counted = computed_counts(fiche, indicator.source)
        years = sorted(set(stored) | set(counted or {}))
        points = []
        for year in years:
            value: IndicatorValue | None = stored.get(year)
            actual = (
                counted.get(year, Decimal(0))
                if counted is not None
                else (value.actual if value else None)
            )
            points.append(
                {"year": year, "target": value.target if value else None, "actual": actual}
            )
        rows.append(IndicatorRow(indicator=indicator, computed=counted is not None, points=points))
    return rows


def indicator_chart(row: IndicatorRow, *, width: int = 480, height: int = 200) -> dict[str, Any]:
    """Geometry of an SVG bar chart (target vs actual per year), drawn by a template."""
    values = [v for p in row.points for v in (p["target"], p["actual"]) if v is not None]
    top = max(values, default=Decimal(1)) or Decimal(1)
    left, bottom, plot_h = 40, height - 30, height - 50
    n = max(len(row.points), 1)
    group_w = (width - left - 10) / n
    bar_w = max(min(group_w / 3, 40), 4)
    bars = []
    for i, p in enumerate(row.points):
        x0 = left + i * group_w + group_w / 2 - bar_w
        for j, key in enumerate(("target", "actual")):
            v = p[key]
            h = float(v / top) * plot_h if v is not None else 0
            bars.append(
                {
                    "x": round(x0 + j * bar_w, 1),
                    "y": round(bottom - h, 1),
                    "w": round(bar_w - 2, 1),
                    "h": round(h, 1),
                    "kind": key,
                    "value": v,
                    "year": p["year"],
                }
            )
    labels = [
        {"x": round(left + i * group_w + group_w / 2, 1), "year": p["year"]}
        for i, p in enumerate(row.points)
    ]
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "labels": labels,
        "top": top,
        "bottom": bottom,
        "left": left,
        "label_y": height - 10,
    }


# --- Events -----------------------------------------------------------------------------------


def public_sessions() -> QuerySet[Session]:
    """Upcoming sessions of public parents' workshops, with their confirmed count."""
    return (
        Session.objects.filter(
            event__is_public=True, event__is_external=False, starts_at__gte=timezone.now()
        )
        .select_related("event", "commune")
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMEE)
            )
        )
        .order_by("starts_at", "id")
    )


def session_places_left(session: Session) -> int | None:
    if session.capacity is None:
        return None
    confirmed = session.registrations.filter(status=RegistrationStatus.CONFIRMEE).count()
    return max(session.capacity - confirmed, 0)


def overlapping_sessions(
    *,
    theme: str,
    starts_at: datetime,
    commune_ids: set[int],
    exclude_event_id: int | None = None,
    exclude_session_id: int | str | None = None,
    window_days: int = OVERLAP_WINDOW_DAYS,
) -> list[Session]:
    """Other actions' sessions on the same theme and communes within ±``window_days``."""
    if not commune_ids or not theme or starts_at is None:
        return []
    delta = timedelta(days=window_days)
    qs = Session.objects.filter(
        event__theme=theme, starts_at__gte=starts_at - delta, starts_at__lte=starts_at + delta
    ).filter(Q(commune_id__in=commune_ids) | Q(event__communes__in=commune_ids))
    if exclude_event_id:
        qs = qs.exclude(event_id=exclude_event_id)
    if exclude_session_id:
        qs = qs.exclude(pk=exclude_session_id)
    ids = qs.values("pk").distinct()
    return list(
        Session.objects.filter(pk__in=ids).select_related("event", "commune").order_by("starts_at")
    )


def agenda(*, start: datetime | None = None, days: int = 120, theme: str = "") -> QuerySet[Session]:
    start = start or timezone.now() - timedelta(days=7)
    qs = Session.objects.filter(starts_at__gte=start, starts_at__lte=start + timedelta(days=days))
    if theme:
        qs = qs.filter(event__theme=theme)
    return (
        qs.select_related("event", "commune")
        .prefetch_related("event__communes")
        .order_by("starts_at", "id")
    )


def agenda_overlaps(
    sessions: list[Session], window_days: int = OVERLAP_WINDOW_DAYS
) -> dict[int, list[Session]]:
    """For each session of the list: the other events' sessions of the list that overlap.

    Same rule as ``overlapping_sessions`` (same theme, a shared commune, ±window), computed
    in memory on an agenda page (sessions loaded with ``agenda()``) to avoid N queries.
    """
    delta = timedelta(days=window_days)

    def communes(s: Session) -> set[int]:
        ids = {c.pk for c in s.event.communes.all()}
        if s.commune_id:
            ids.add(s.commune_id)
        return ids

    by_theme: dict[str, list[tuple[Session, set[int]]]] = defaultdict(list)
    for s in sessions:
        by_theme[s.event.theme].append((s, communes(s)))
    result: dict[int, list[Session]] = {}
    for group in by_theme.values():
        for s, ids in group:
            others = [
                o
                for o, o_ids in group
                if o.event_id != s.event_id
                and abs(o.starts_at - s.starts_at) <= delta
                and ids & o_ids
            ]
            if others:
                result[s.pk] = others
    return result


# --- Participation and load sharing -------------------------------------------------------------


@dataclass
class LoadShare:
    fiche: Fiche
    total_hours: Decimal
    people: list[dict[str, Any]]  # {"user", "hours", "share"} by decreasing hours
    overloaded: list[dict[str, Any]]
    suggestions: list[User]


def load_sharing(*, fiches: Iterable[Fiche] | QuerySet[Fiche] | None = None) -> list[LoadShare]:
    """Share of hours per person per action; warns when one person carries > 50 %.

    The rotation suggestion lists the least-loaded qualified people: those who already
    took part in the programme with the same profession as the overloaded person,
    ordered by their total hours (all actions).
    """
    rows = (
        Participation.objects.values("fiche_id", "user_id")
        .annotate(hours=Sum("hours"))
        .order_by("fiche_id", "-hours")
    )
    if fiches is not None:
        rows = rows.filter(fiche__in=fiches)
    per_fiche: dict[int, list[dict[str, Any]]] = defaultdict(list)
    total_by_user: dict[int, Decimal] = defaultdict(Decimal)
    for row in rows:
        per_fiche[row["fiche_id"]].append(dict(row))
        total_by_user[row["user_id"]] += row["hours"]
    users = User.objects.in_bulk(list(total_by_user))
    fiche_map = Fiche.objects.in_bulk(list(per_fiche))
    result = []
    for fiche_id, entries in per_fiche.items():
        total = sum((e["hours"] for e in entries), Decimal(0))
        people = [
            {
                "user": users[e["user_id"]],
                "hours": e["hours"],
                "share": (e["hours"] / total) if total else Decimal(0),
            }
            for e in entries
        ]
        overloaded = [p for p in people if p["share"] > LOAD_WARNING_SHARE]
        suggestions: list[User] = []
        if overloaded:
            heavy = overloaded[0]["user"]
            qualified = [
                u
                for uid, u in users.items()
                if uid != heavy.pk and (not heavy.profession or u.profession == heavy.profession)
            ] or [u for uid, u in users.items() if uid != heavy.pk]
            suggestions = sorted(qualified, key=lambda u: (total_by_user[u.pk], u.last_name))[:3]
        result.append(LoadShare(fiche_map[fiche_id], total, people, overloaded, suggestions))
    result.sort(key=lambda s: s.fiche.title)
    return result


def participations(
    *, year: int | None = None, unpaid_only: bool = False
) -> QuerySet[Participation]:
    qs = Participation.objects.select_related("user", "fiche", "session__event").order_by(
        "date", "id"
    )
    if year:
        qs = qs.filter(date__year=year)
    if unpaid_only:
        qs = qs.filter(paid_at__isnull=True)
    return qs
