"""The professional's worklist: open milestones across the families of their care teams.

API::

    worklist(user, *, bucket="due_this_week", today=None, category="", code="", commune="",
             q="", status="", by_family=False, page=1, per_page=25) -> WorklistPage
    worklist_counts(user, *, today=None, **same filters) -> dict[str, int]
    week_bounds(today) -> (monday, sunday)

- ``user``: a professional; families = those of their *active* care-team memberships
  (``CareTeamMember.removed_at IS NULL``) whose status is ``actif``. Anyone else gets an
  empty page.
- Only open milestones are listed (à venir, à faire, en retard); done, « non réalisé »
  and « non applicable » ones never are.
- Buckets (``BUCKETS``) partition the open milestones, decided from the dates (not from
  the nightly ``state``), ``today`` in Europe/Paris, week = Monday → Sunday:

  ``due_this_week`` — window still open and (due date in this week, or window closing
  this week); ``open_window`` — due date before this week, window closing after it;
  ``upcoming`` — due after this week; ``late`` — window ended; ``to_review`` — late,
  not compulsory, window ended more than ``MILLEJOURS_WORKLIST_REVIEW_AFTER_DAYS`` (30)
  days ago (« à vérifier »: folded away instead of growing forever).

  A postponed milestone (``postponed_to``, « reporter ») follows that date instead: this
  week when it falls in this week, upcoming after, late once the week of that date passed.
- ``late`` is ranked: families with an open screening alert first, then compulsory steps,
  then the others, then by due date. Other buckets: by due date. ``by_family`` sorts by
  family (then the same order) and ``WorklistPage.family_counts`` gives each family's
  number of steps in the bucket (same filters).
- Filters: ``category`` (rule category, e.g. ``vaccin``), ``code`` (milestone code),
  ``status`` (regulatory status, e.g. ``compulsory``), ``commune`` (INSEE code of the
  family's commune), ``q`` (family name, case-insensitive, or exact reference ``F-…``).
- The tab counts (``WorklistPage.counts``) come from the same filtered queryset as the list
  (one aggregate): they always match.
- Queries: followed families, active ones, counts, page (+ family counts when grouped),
  whatever the number of rows. Index ``milestone_open_worklist`` (partial, open states: family, due, window_end,
  postponed_to, status, category, id) covers the counts and the choice of the page's ids;
  the page's rows are then read by primary key, with the columns a row shows
  (``ROW_FIELDS``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Lookup,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from millejours.territory.models import Commune

from .models import OPEN_STATES, CareTeamMember, Family, FamilyStatus, Milestone

BUCKETS = {
    "due_this_week": "Cette semaine",
    "late": "En retard",
    "open_window": "Date cible passée",
    "upcoming": "À venir",
    "to_review": "À vérifier",
}
REVIEW_AFTER_DAYS = 30
DEFAULT_PER_PAGE = 25
MAX_LITERAL_IDS = 900  # below SQLite's historical 999-parameter limit
MAX_PER_PAGE = 100


@dataclass
class WorklistPage:
    bucket: str
    items: list[Milestone]
    page: int
    per_page: int
    total: int
    today: dt.date
    week_end: dt.date
    filters: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)  # every bucket's total, same filters
    family_counts: dict = field(default_factory=dict)  # family id -> steps in this bucket
    team_ids: list[int] | None = None  # the care team's families when few (``_base``)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


class _IdIn(Lookup):
    """``column IN (ids)`` used as a filter expression: ``_IdIn(F("family_id"), ids)``.

    On PostgreSQL the ids travel as ONE array parameter (``= ANY(%s::bigint[])``) instead of
    one placeholder each: with 500 placeholders the statement is longer than the 4 kB
    psycopg caches, and re-parsing it client-side plus Django's per-value preparation cost
    several ms per query (over a third of the selector's time under cProfile). Elsewhere
    (SQLite) it is the usual ``IN (%s, …)``. ``ids`` must be a non-empty list of ints.
    """

    lookup_name = "mj_id_in"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        ids = list(self.rhs)
        return f"{lhs} IN ({', '.join(['%s'] * len(ids))})", (*lhs_params, *ids)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        # One text parameter ('{1,2,3}', cast by the server): psycopg's client-side cursor
        # quotes a Python list element by element (≈ 1 ms for 500 ids).
        array = "{" + ",".join(str(int(i)) for i in self.rhs) + "}"
        return f"{lhs} = ANY(%s::bigint[])", (*lhs_params, array)


def week_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    monday = today - dt.timedelta(days=today.weekday())
    return monday, monday + dt.timedelta(days=6)


def review_after_days() -> int:
    return int(getattr(settings, "MILLEJOURS_WORKLIST_REVIEW_AFTER_DAYS", REVIEW_AFTER_DAYS))


def _bucket_q(bucket: str, today: dt.date) -> Q:
    monday, sunday = week_bounds(today)
    plain = Q(postponed_to__isnull=True)
    stale = (
        plain
        & Q(window_end__lt=today - dt.timedelta(days=review_after_days()))
        & ~Q(status="compulsory")
    )
    late = (plain & Q(window_end__lt=today)) | Q(postponed_to__lt=monday)
    if bucket == "late":
        return late & ~stale
    if bucket == "to_review":
        return stale
    if bucket == "due_this_week":
        in_week = Q(due__gte=monday, due__lte=sunday) | Q(window_end__lte=sunday)
        return (plain & Q(window_end__gte=today) & in_week) | Q(
            postponed_to__gte=monday, postponed_to__lte=sunday
        )
    if bucket == "open_window":
        return plain & Q(due__lt=monday, window_end__gt=sunday)
    if bucket == "upcoming":
        return (plain & Q(due__gt=sunday)) | Q(postponed_to__gt=sunday)
    raise ValueError(f"Liste inconnue : {bucket!r}")


def _ordering(
    bucket: str, qs: QuerySet[Milestone], by_family: bool, few_families: bool = False
) -> tuple[QuerySet[Milestone], list]:
    """The bucket's order; ``late`` ranks alerts, then compulsory steps (see the docstring).

    ``few_families``: the followed families are a short literal list. Ordered by ``due``,
    PostgreSQL then walks ``milestone_open_due`` from the oldest open step and skips every
    other family's (≈ 46 000 rows for 300 of 10 000 families); ``COALESCE(due, due)``
    sorts the same but matches no index, so it reads those families' steps
    (``milestone_open_worklist``) and sorts them (7 → 4 ms). With thousands of families
    the walk stays the cheaper plan.
    """
    order: list = [Coalesce("due", "due") if few_families else "due", "id"]
    if bucket == "late":
        # screening sits above pathway (it imports pathway): read its alerts here only.
        from millejours.screening.models import AlertStatus, AlertTask

        alert = AlertTask.objects.filter(family=OuterRef("family_id"), status=AlertStatus.OPEN)
        qs = qs.annotate(
            _alert=Case(
                When(Exists(alert), then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            _rank=Case(
                When(status="compulsory", then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        order = ["_alert", "_rank", "due", "id"]
    if by_family:
        order = ["family__display_name", "family_id", *order[-2:]]
    return qs, order


def _base(
    user, *, category="", code="", commune="", q="", status=""
) -> tuple[QuerySet[Milestone], list[int] | None]:
    """The open milestones of the followed active families (filtered), and the ids of the
    care team's families when they are few (≤ ``MAX_LITERAL_IDS``; ``None`` otherwise):
    then they went in as a literal list (see ``_ordering``)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_professional", False):
        return Milestone.objects.none(), None
    # The followed active families are read first (index-only scan of careteam_active_idx,
    # then primary-key lookups): with an explicit id list the planner walks
    # milestone_open_worklist family by family instead of hash-joining the whole family
    # table (~120 ms -> a few ms at 100 000 families on PostgreSQL).
    team = CareTeamMember.objects.filter(user=user, removed_at__isnull=True).values_list(
        "family_id", flat=True
    )
    ids = list(team)
    if not ids:
        return Milestone.objects.none(), ids
    if len(ids) > MAX_LITERAL_IDS:
        active = Family.objects.filter(pk__in=team, status=FamilyStatus.ACTIVE).values("pk")
        qs = Milestone.objects.filter(family_id__in=active)
    else:
        # order_by(): Family's default ordering (display_name) would sort for nothing.
        active_ids = list(
            Family.objects.filter(_IdIn(F("pk"), ids), status=FamilyStatus.ACTIVE)
            .order_by()
            .values_list("pk", flat=True)
        )
        if not active_ids:
            return Milestone.objects.none(), ids
        qs = Milestone.objects.filter(_IdIn(F("family_id"), active_ids))
    few_ids = ids if len(ids) <= MAX_LITERAL_IDS else None
    qs = qs.filter(state__in=list(OPEN_STATES))
    if category:
        qs = qs.filter(category=category)
    if code:
        qs = qs.filter(code=code)
    if status:
        qs = qs.filter(status=status)
    if commune:
        qs = qs.filter(family__commune__insee_code=commune)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(family__display_name__icontains=q) | Q(family__reference__iexact=q))
    return qs, few_ids


def worklist_counts(user, *, today: dt.date | None = None, **filters) -> dict[str, int]:
    """Number of milestones in each bucket (one query)."""
    today = today or timezone.localdate()
    return _counts(_base(user, **filters)[0], today)


def _counts(qs: QuerySet[Milestone], today: dt.date) -> dict[str, int]:
    agg = qs.aggregate(**{name: Count("id", filter=_bucket_q(name, today)) for name in BUCKETS})
    return {name: agg[name] or 0 for name in BUCKETS}


# What a row shows (``templatetags/worklist_rows.py``), plus the fields callers filter on.
ROW_FIELDS = (
    *("family", "child", "code", "label", "category", "status", "state", "due"),
    *("window_start", "window_end", "postponed_to", "postpone_reason"),
    *("family__display_name", "family__commune", "family__commune__name", "child__first_name"),
)


def _page_number(page: object, total: int, per_page: int) -> int:
    try:
        number = int(page)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        number = 1
    return min(max(1, number), max(1, -(-total // per_page)))


def _page_items(
    qs: QuerySet[Milestone], bucket: str, by_family: bool, few: bool, offset: int, per_page: int
) -> list[Milestone]:
    """The page's rows, with the columns a row shows (``ROW_FIELDS``).

    The page's ids are chosen in a subquery that only reads the covering partial index
    (family_id, due, window_end, id); the outer query then fetches just those rows and
    joins family, commune and child by primary key. Joining first made PostgreSQL read
    every matching milestone from the heap and hash-join the whole family table before
    keeping 25 rows; reading the rows by a list of ids in a second query made it hash-join
    the whole child table.
    """
    ranked, order = _ordering(bucket, qs, by_family, few)
    page_ids = ranked.order_by(*order).values("pk")[offset : offset + per_page]
    outer, _ = _ordering(bucket, Milestone.objects.filter(pk__in=page_ids), by_family)
    rows = outer.select_related("family__commune", "child").only(*ROW_FIELDS)
    return list(rows.order_by(*order))


def _family_counts(qs: QuerySet[Milestone], items: list[Milestone]) -> dict[int, int]:
    """Each family of ``items``: its number of steps in ``qs`` (« Grouper par famille »)."""
    counts = dict(
        qs.filter(family_id__in={m.family_id for m in items})
        .order_by()
        .values("family_id")
        .annotate(n=Count("id"))
        .values_list("family_id", "n")
    )
    for m in items:
        m.family_step_count = counts.get(m.family_id, 0)  # type: ignore[attr-defined]
    return counts


def worklist(
    user,
    *,
    bucket: str = "due_this_week",
    today: dt.date | None = None,
    category: str = "",
    code: str = "",
    commune: str = "",
    q: str = "",
    status: str = "",
    by_family: bool = False,
    page: int = 1,
    per_page: int = DEFAULT_PER_PAGE,
) -> WorklistPage:
    """One page of ``bucket`` for ``user`` (see the module docstring)."""
    today = today or timezone.localdate()
    per_page = max(1, min(int(per_page or DEFAULT_PER_PAGE), MAX_PER_PAGE))
    if bucket not in BUCKETS:
        raise ValueError(f"Liste inconnue : {bucket!r}")
    filters = {"category": category, "code": code, "commune": commune, "q": q, "status": status}
    base, team_ids = _base(user, **filters)
    # The three buckets are counted in the one pass that gives this bucket's total: the
    # page shows them all (``WorklistPage.counts``), which saves the view a second walk
    # over the same milestones (and the two queries choosing the followed families).
    counts = _counts(base, today)
    total = counts[bucket]
    qs = base.filter(_bucket_q(bucket, today))
    page = _page_number(page, total, per_page)
    offset = (page - 1) * per_page
    items = _page_items(qs, bucket, by_family, team_ids is not None, offset, per_page)
    return WorklistPage(
        bucket=bucket,
        items=items,
        page=page,
        per_page=per_page,
        total=total,
        today=today,
        week_end=week_bounds(today)[1],
        filters=filters,
        counts=counts,
        family_counts=_family_counts(qs, items) if by_family and items else {},
        team_ids=team_ids,
    )


def followed_communes(user, team_ids: list[int] | None = None) -> list[tuple[str, str]]:
    """``(INSEE code, name)`` of the communes of ``user``'s care-team families, by name.

    ``team_ids``: those families' ids when already read (``WorklistPage.team_ids``): their
    communes are then read by primary key (≈ 2 ms at 300–500 families). Otherwise one
    ``EXISTS`` per commune, which stops at the first followed family (< 1 ms for 5 800
    followed families, where joining and de-duplicating them took ≈ 15 ms; but 5–9 ms at
    300–500, PostgreSQL hashing each commune's families).
    """
    if team_ids is not None:
        if not team_ids:
            return []
        mine = Family.objects.filter(_IdIn(F("pk"), team_ids)).order_by().values("commune_id")
        communes = Commune.objects.filter(pk__in=mine)
    else:
        followed = Family.objects.filter(
            commune=OuterRef("pk"), care_team__user=user, care_team__removed_at__isnull=True
        )
        communes = Commune.objects.filter(Exists(followed))
    rows = communes.order_by("name").values_list("insee_code", "name")
    return [(code, f"{name} ({code})") for code, name in rows]
