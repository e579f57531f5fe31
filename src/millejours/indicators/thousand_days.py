"""The 1000-days indicators (``data/millejours.yaml``), counted from the data.

Each indicator has a *source*: a queryset of its units over a period (pregnancies ended by
a birth, EPDS responses, orientations…) annotated with ``_num`` (the unit counts in the
numerator), or ``_value`` (hours for a sum; the delay, as two dates, for a median), the
path of the date that places the unit in a month and the path of its commune. Each
indicator is ONE aggregate query (``GROUP BY month, commune``), folded into the two
breakdowns in Python (at most 12 × communes rows); medians read the delays of the period
in one query and take the median per group in Python.

``compute(year) -> list[Figures]`` gives the raw counts; ``publish`` (in ``published.py``)
applies the small-cell suppression before anything leaves the platform.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from statistics import median

from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from millejours.checkup.models import Checkup, Goal, Progress
from millejours.followup.models import Contact
from millejours.orientations.models import Orientation, OrientationEvent
from millejours.pathway.models import Family, Milestone, MilestoneState, Pregnancy
from millejours.programme.models import Participation, Registration
from millejours.screening.models import Response, VulnerabilityFlag

from .definitions import Indicator, load
from .selectors import _consenting

BIRTH = "naissance"


@dataclass
class Cell:
    numerator: float = 0
    denominator: int = 0
    delays: list[float] = field(default_factory=list)


@dataclass
class Figures:
    indicator: Indicator
    by_month: dict[int, Cell]
    by_commune: dict[int | None, Cell]
    total: Cell


@dataclass(frozen=True)
class Source:
    queryset: Callable[[date, date], object]
    date: str
    commune: str


def _births(start, end):
    return _consenting(
        Pregnancy.objects.filter(outcome=BIRTH, ended_on__gte=start, ended_on__lte=end)
    )


def _milestone_done(code: str, *, before_birth: bool = False):
    done = Milestone.objects.filter(pregnancy=OuterRef("pk"), code=code, state=MilestoneState.DONE)
    if before_birth:
        done = done.filter(done_on__lt=OuterRef("ended_on"))
    return Exists(done)


def _epp(start, end):
    return _births(start, end).annotate(_num=_milestone_done("epp", before_birth=True))


def _epnp(start, end):
    return _births(start, end).annotate(_num=_milestone_done("epnp"))


def _epnp2(start, end):
    applicable = Milestone.objects.filter(pregnancy=OuterRef("pk"), code="epnp_2").exclude(
        state=MilestoneState.NOT_APPLICABLE
    )
    return _births(start, end).filter(Exists(applicable)).annotate(_num=_milestone_done("epnp_2"))


def _epds_screened(start, end):
    return _births(start, end).annotate(
        _num=Exists(Response.objects.filter(pregnancy=OuterRef("pk"), questionnaire="epds"))
    )


def _epds_positive(start, end):
    qs = Response.objects.filter(
        questionnaire="epds",
        total__isnull=False,
        family__isnull=False,
        created_at__date__gte=start,
        created_at__date__lte=end,
    )
    return _consenting(qs).annotate(_num=Q(level="eleve"))


def _flagged(start, end):
    confirmed = VulnerabilityFlag.objects.filter(family=OuterRef("pk"), status="confirme")
    first = confirmed.order_by("confirmed_at").values("confirmed_at")[:1]
    qs = Family.objects.annotate(_first=Subquery(first)).filter(
        _first__date__gte=start, _first__date__lte=end
    )
    return _consenting(qs, "pk").annotate(_num=Q(referent__isnull=False))


def _orientations(start, end):
    qs = Orientation.objects.exclude(state="brouillon").filter(
        sent_at__date__gte=start, sent_at__date__lte=end
    )
    return _consenting(qs)


def _accepted(start, end):
    accepted = OrientationEvent.objects.filter(orientation=OuterRef("pk"), to_state="acceptee")
    return _orientations(start, end).annotate(_num=Exists(accepted))


def _completed(start, end):
    return _orientations(start, end).annotate(_num=Q(state="realisee"))


def _answer_delay(start, end):
    answer = OrientationEvent.objects.filter(
        orientation=OuterRef("pk"), to_state__in=("acceptee", "refusee")
    )
    return (
        _orientations(start, end)
        .annotate(_from=F("sent_at"), _to=Subquery(answer.order_by("at").values("at")[:1]))
        .filter(_to__isnull=False)
    )


def _first_contact(start, end):
    contact = Contact.objects.filter(
        family=OuterRef("family"), occurred_on__gte=OuterRef("declared_on")
    )
    qs = Pregnancy.objects.filter(declared_on__gte=start, declared_on__lte=end).annotate(
        _from=F("declared_on"),
        _to=Subquery(contact.order_by("occurred_on").values("occurred_on")[:1]),
    )
    return _consenting(qs.filter(_to__isnull=False))


def _attendance(start, end):
    return Registration.objects.filter(
        attended=True, session__starts_at__date__gte=start, session__starts_at__date__lte=end
    )


def _hours(start, end):
    return Participation.objects.filter(date__gte=start, date__lte=end).annotate(_value=F("hours"))


def _checkups(start, end):
    return _consenting(
        Checkup.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    )


def _goals_reached(start, end):
    goals = Goal.objects.filter(plan__created_at__date__gte=start, plan__created_at__date__lte=end)
    return _consenting(goals, "plan__family").annotate(_num=Q(status=Progress.REACHED))


SOURCES: dict[str, Source] = {
    "epp_couverture": Source(_epp, "ended_on", "family__commune_id"),
    "epnp_couverture": Source(_epnp, "ended_on", "family__commune_id"),
    "epnp2_couverture": Source(_epnp2, "ended_on", "family__commune_id"),
    "epds_depistage": Source(_epds_screened, "ended_on", "family__commune_id"),
    "epds_positifs": Source(_epds_positive, "created_at", "family__commune_id"),
    "vulnerables_referent": Source(_flagged, "_first", "commune_id"),
    "orientations_envoyees": Source(_orientations, "sent_at", "family__commune_id"),
    "orientations_acceptees": Source(_accepted, "sent_at", "family__commune_id"),
    "orientations_realisees": Source(_completed, "sent_at", "family__commune_id"),
    "orientations_delai_reponse": Source(_answer_delay, "sent_at", "family__commune_id"),
    "delai_premier_contact": Source(_first_contact, "declared_on", "family__commune_id"),
    "ateliers_presences": Source(_attendance, "session__starts_at", "session__commune_id"),
    "heures_professionnels": Source(_hours, "date", "session__commune_id"),
    "bilans_prevention": Source(_checkups, "created_at", "family__commune_id"),
    "objectifs_prevention_atteints": Source(
        _goals_reached, "plan__created_at", "plan__family__commune_id"
    ),
}


def _days(a, b) -> float:
    if isinstance(a, datetime):
        return round((b - a).total_seconds() / 86400, 1)
    return float((b - a).days)


def _grouped(indicator: Indicator, qs, month, commune) -> dict:
    """One ``GROUP BY month, commune`` query: {(month, commune): Cell}."""
    cells: dict = defaultdict(Cell)
    qs = qs.annotate(_m=month, _c=commune)
    if indicator.kind == "median":
        for key_m, key_c, start, stop in qs.values_list("_m", "_c", "_from", "_to"):
            cells[key_m, key_c].delays.append(_days(start, stop))
        for cell in cells.values():
            cell.denominator = len(cell.delays)
        return cells
    if indicator.kind == "sum":
        aggregates = {"num": Sum("_value"), "den": Count("pk")}
    elif indicator.kind == "rate":
        aggregates = {"num": Count("pk", filter=Q(_num=True)), "den": Count("pk")}
    else:
        aggregates = {"num": Count("pk"), "den": Count("pk")}
    for row in qs.values("_m", "_c").order_by("_m", "_c").annotate(**aggregates):
        cells[row["_m"], row["_c"]] = Cell(numerator=row["num"] or 0, denominator=row["den"])
    return cells


def _fold(cells: dict, position: int) -> dict:
    """Sum the (month, commune) cells over the other key."""
    out: dict = defaultdict(Cell)
    for key, cell in cells.items():
        target = out[key[position]]
        target.numerator += cell.numerator
        target.denominator += cell.denominator
        target.delays += cell.delays
    return out


def _total(cells: dict) -> Cell:
    return _fold({(0, k): c for k, c in enumerate(cells.values())}, 0).get(0, Cell())


@contextmanager
def _without_jit() -> Iterator[None]:
    """PostgreSQL's JIT compiles these one-off aggregates for 0.2–2.4 s each, more than it
    saves: off for the computation (measured at 165 000 families: compute() 17–22 s with
    JIT, 10 s without; docs/echelle.md)."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def compute(year: int, codes: list[str] | None = None) -> list[Figures]:
    """Raw figures of the 1000-days indicators for ``year`` (all of them, or ``codes``)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    out = []
    with timezone.override(timezone.get_default_timezone()), _without_jit():
        for indicator in load("millejours").indicators:
            if codes is not None and indicator.code not in codes:
                continue
            source = SOURCES[indicator.code]
            cells = _grouped(
                indicator, source.queryset(start, end), ExtractMonth(source.date), F(source.commune)
            )
            by_month, by_commune = _fold(cells, 0), _fold(cells, 1)
            out.append(
                Figures(
                    indicator,
                    {m: by_month.get(m, Cell()) for m in range(1, 13)},
                    dict(by_commune),
                    _total(by_month),
                )
            )
    return out


def value_of(indicator: Indicator, cell: Cell):
    """The unsuppressed value of a cell (rate in %, median in days, count, sum)."""
    if indicator.kind == "rate":
        return round(100 * cell.numerator / cell.denominator, 1) if cell.denominator else None
    if indicator.kind == "median":
        return median(cell.delays) if cell.delays else None
    if indicator.kind == "sum":
        return round(float(cell.numerator), 1)
    return int(cell.numerator)
