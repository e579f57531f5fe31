"""Small-cell suppression: primary (1–4 → « < 5 ») and secondary (no suppressed cell can be
recovered from the published totals by subtraction), property-tested."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from millejours.indicators.suppression import SUPPRESSED, rate, suppress


def _rank(rows: list[list[Fraction]]) -> int:
    """Rank by Gaussian elimination (independent of the module's reduced echelon test)."""
    rows = [list(r) for r in rows]
    rank, width = 0, len(rows[0]) if rows else 0
    for col in range(width):
        pivot = next((k for k in range(rank, len(rows)) if rows[k][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for k in range(rank + 1, len(rows)):
            f = rows[k][col] / rows[rank][col]
            rows[k] = [a - f * b for a, b in zip(rows[k], rows[rank], strict=False)]
        rank += 1
    return rank


def recoverable(table) -> list[tuple[int, int]]:
    """Suppressed positions an attacker can compute from the published grid.

    The attacker knows every published number and that each published line sums to its
    total; a hidden cell is recoverable when its unit vector lies in the span of the line
    equations restricted to the hidden cells (rank does not grow when it is added)."""
    hidden = sorted(table.suppressed)
    col = {pos: k for k, pos in enumerate(hidden)}
    eqs = []
    for line in table.equations():
        row = [Fraction(0)] * len(hidden)
        for pos in line:
            if pos in col:
                row[col[pos]] += -1 if pos == line[-1] else 1
        eqs.append(row)
    base = _rank(eqs) if eqs else 0
    out = []
    for pos, k in col.items():
        unit = [Fraction(int(i == k)) for i in range(len(hidden))]
        if _rank([*eqs, unit]) == base:
            out.append(pos)
    return out


counts = st.one_of(st.integers(0, 6), st.integers(0, 40))
tables = st.integers(1, 6).flatmap(
    lambda w: st.lists(st.lists(counts, min_size=w, max_size=w), min_size=1, max_size=8)
)


@settings(max_examples=300, deadline=None)
@given(tables, st.booleans(), st.booleans())
def test_no_suppressed_cell_can_be_recovered_from_the_published_totals(
    cells, row_totals, col_totals
):
    table = suppress(cells, row_totals=row_totals, col_totals=col_totals)
    assert recoverable(table) == []


@settings(max_examples=300, deadline=None)
@given(tables, st.booleans(), st.booleans())
def test_every_count_from_1_to_4_is_hidden_and_every_shown_figure_is_true(
    cells, row_totals, col_totals
):
    table = suppress(cells, row_totals=row_totals, col_totals=col_totals)
    for pos in table.positions():
        value = table.value(*pos)
        if 0 < value < 5:
            assert table.published(*pos) == SUPPRESSED
        if pos not in table.suppressed:
            assert table.published(*pos) == value


def test_a_lone_small_cell_in_a_row_hides_the_next_smallest_cell_too():
    table = suppress([[12, 3, 7, 20]], col_totals=False)
    assert table.rows() == [[12, SUPPRESSED, SUPPRESSED, 20, 42]]


def test_a_row_with_a_single_non_zero_small_cell_hides_its_total():
    table = suppress([[0, 3, 0]], col_totals=False)
    assert table.rows()[0][-1] == SUPPRESSED


def test_two_by_two_secondary_pattern_with_margins():
    table = suppress([[2, 10, 8], [9, 11, 30]])
    assert (0, 0) in table.suppressed and recoverable(table) == []
    # the row of 2 also hides its next smallest (8), the column of 2 hides 9
    assert (0, 2) in table.suppressed and (1, 0) in table.suppressed


def test_zeros_are_shown_and_nothing_is_hidden_without_small_counts():
    table = suppress([[0, 10], [5, 0]])
    assert table.suppressed == set()
    assert table.rows() == [[0, 10, 10], [5, 0, 5], [5, 10, 15]]


def test_a_rate_is_hidden_when_its_numerator_or_denominator_is():
    assert rate(3, 40) == SUPPRESSED
    assert rate(12, 4) == SUPPRESSED
    assert rate(12, 40, suppressed=True) == SUPPRESSED
    assert rate(14, 20) == 70.0
    assert rate(0, 0) is None


def test_secondary_suppression_stays_in_the_rows_that_need_it():
    # rates per commune: [yes, no]; three communes with a small « no » count
    cells = [[95, 20], [5, 1], [500, 92], [19, 4], [164, 25], [30, 3], [146, 24]]
    table = suppress(cells)
    assert table.suppressed == {(1, 0), (1, 1), (3, 0), (3, 1), (5, 0), (5, 1)}
    assert recoverable(table) == []


def test_a_shared_total_published_elsewhere_is_never_hidden_here():
    table = suppress([[2, 10], [9, 11]], preset={(2, 0): False, (2, 1): False, (2, 2): False})
    assert not any(i == 2 for i, _ in table.suppressed)
    assert recoverable(table) == []


units = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4), st.booleans()), max_size=60)


@settings(max_examples=150, deadline=None)
@given(units)
def test_two_breakdowns_sharing_their_totals_reveal_nothing_together(rows):
    """Month and commune breakdowns of one rate ([yes, no] per group, same year totals),
    suppressed as the published module does, checked as ONE system of equations."""
    months = [
        [sum(1 for m, _, y in rows if m == i and y), sum(1 for m, _, y in rows if m == i and not y)]
        for i in range(4)
    ]
    communes = [
        [sum(1 for _, c, y in rows if c == i and y), sum(1 for _, c, y in rows if c == i and not y)]
        for i in range(5)
    ]
    first = suppress(months)
    shared = {(len(communes), j): (len(months), j) in first.suppressed for j in range(3)}
    second = suppress(communes, preset=shared)

    # one unknown per hidden position; the year totals row is the same unknown in both tables
    def key(table, tag, pos):
        return ("total", pos[1]) if pos[0] == table.height else (tag, pos)

    hidden = sorted(
        {key(first, "m", p) for p in first.suppressed}
        | {key(second, "c", p) for p in second.suppressed},
        key=repr,
    )
    col = {k: n for n, k in enumerate(hidden)}
    eqs = []
    for table, tag in ((first, "m"), (second, "c")):
        for line in table.equations():
            row = [Fraction(0)] * len(hidden)
            for pos in line:
                k = key(table, tag, pos)
                if pos in table.suppressed:
                    row[col[k]] += -1 if pos == line[-1] else 1
            eqs.append(row)
    base = _rank(eqs) if hidden else 0
    for k, n in col.items():
        unit = [Fraction(int(i == n)) for i in range(len(hidden))]
        assert _rank([*eqs, unit]) != base, k
