"""Small-cell suppression of every figure that leaves the platform (reports, exports, API).

Primary suppression: a count from 1 to 4 is shown « < 5 » (0 is shown: an empty cell
identifies nobody). Secondary suppression: a suppressed cell must not be recoverable by
subtraction from what is published beside it (row totals, column totals, grand total).
The table and its published margins are seen as a system of linear equations (each row
and each column sums to its total); the suppressed cells are its unknowns (see
``determined``: a hidden cell is recoverable exactly when it is a bridge of the graph
« lines — hidden cells »). While one
unknown is determined by the system (e.g. the only suppressed cell of a row whose total is
shown), the smallest other cell of one of its lines is suppressed too (smallest non-zero
data cell first, then zeros, then totals). Adding cells only ever grows the set, so the
loop ends (at worst with the whole table suppressed, where nothing is determined).

A rate is suppressed when its numerator or its denominator is.

This is the practice of the statistical offices (INSEE, « secret statistique » : cells
below a threshold, and the « secret secondaire » so that they cannot be deduced):
https://www.insee.fr/fr/information/1300624 ; threshold 5 as in the ATIH / SNDS rules for
publishing health data (https://www.snds.gouv.fr/SNDS/Processus-d-acces-aux-donnees : no
cell under 10 for SNDS extracts; 5 is the choice of this platform for its own counts, an
interpretation to validate: ``review: true`` in docs/indicators.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

THRESHOLD = 5
SUPPRESSED = "< 5"


def is_small(value) -> bool:
    return isinstance(value, int) and 0 < value < THRESHOLD


def shown(value, suppressed: bool):
    """What is published for one cell."""
    return SUPPRESSED if suppressed else value


def rate(numerator, denominator, *, suppressed: bool = False, digits: int = 1):
    """A percentage, suppressed when its numerator or denominator is; ``None`` when 0/0."""
    if suppressed or is_small(numerator) or is_small(denominator):
        return SUPPRESSED
    if not denominator:
        return None
    return round(100 * numerator / denominator, digits)


@dataclass
class SuppressedTable:
    """A table of counts, its margins, and the set of suppressed positions.

    Positions are ``(i, j)`` in the extended grid: ``i == len(cells)`` is the row of column
    totals, ``j == width`` the column of row totals.
    """

    cells: list[list[int]]
    row_totals: bool
    col_totals: bool
    suppressed: set[tuple[int, int]] = field(default_factory=set)

    @property
    def height(self) -> int:
        return len(self.cells)

    @property
    def width(self) -> int:
        return len(self.cells[0]) if self.cells else 0

    def value(self, i: int, j: int) -> int:
        h, w = self.height, self.width
        if i < h and j < w:
            return self.cells[i][j]
        if i < h:
            return sum(self.cells[i])
        if j < w:
            return sum(row[j] for row in self.cells)
        return sum(map(sum, self.cells))

    def published(self, i: int, j: int):
        return shown(self.value(i, j), (i, j) in self.suppressed)

    def rows(self) -> list[list]:
        """The published grid: data rows (with their total when published), then totals."""
        w = self.width + (1 if self.row_totals else 0)
        h = self.height + (1 if self.col_totals else 0)
        return [[self.published(i, j) for j in range(w)] for i in range(h)]

    def positions(self) -> list[tuple[int, int]]:
        w = self.width + (1 if self.row_totals else 0)
        h = self.height + (1 if self.col_totals else 0)
        return [(i, j) for i in range(h) for j in range(w)]

    def equations(self) -> list[list[tuple[int, int]]]:
        """Each published line: its cells then its total (sum of cells − total = 0)."""
        h, w = self.height, self.width
        lines = []
        if self.row_totals:
            rows = range(h + 1) if self.col_totals else range(h)
            lines += [[*((i, j) for j in range(w)), (i, w)] for i in rows]
        if self.col_totals:
            cols = range(w + 1) if self.row_totals else range(w)
            lines += [[*((i, j) for i in range(h)), (h, j)] for j in cols]
        return lines


def determined(table: SuppressedTable) -> list[tuple[int, int]]:
    """Suppressed positions whose value the published figures give away.

    Every position lies on one row line and one column line; a line whose total is not
    published gives no equation (all such lines are one « ground » vertex). With the
    equations of the totals row and column negated, the system is the incidence matrix of
    the graph « lines — hidden cells »: a hidden cell is determined exactly when its edge is
    a bridge of that graph (the cut space holds a single edge only for a bridge). Tarjan's
    bridge search, O(lines + cells); the property test checks it against plain elimination.
    """
    ground = ("ground",)
    edges = []
    for i, j in sorted(table.suppressed):
        row = ("r", i) if table.row_totals else ground
        col = ("c", j) if table.col_totals else ground
        edges.append(((i, j), row, col))
    return [edges[k][0] for k in sorted(_bridges([(a, b) for _, a, b in edges]))]


def _bridges(edges: list[tuple]) -> set[int]:
    """Indices of the bridges of a multigraph given as (u, v) pairs (loops are no bridge)."""
    adjacent: dict = {}
    for k, (u, v) in enumerate(edges):
        adjacent.setdefault(u, []).append((v, k))
        adjacent.setdefault(v, []).append((u, k))
    order, low, bridges, counter = {}, {}, set(), 0
    for root in adjacent:
        if root in order:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack = [(root, -1, iter(adjacent[root]))]
        while stack:
            node, via, neighbours = stack[-1]
            for nxt, k in neighbours:
                if k == via:
                    continue
                if nxt in order:
                    low[node] = min(low[node], order[nxt])
                    continue
                order[nxt] = low[nxt] = counter
                counter += 1
                stack.append((nxt, k, iter(adjacent[nxt])))
                break
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        bridges.add(via)
    return bridges


def _cost(table: SuppressedTable, pos: tuple[int, int]):
    i, j = pos
    is_total = i >= table.height or j >= table.width
    value = table.value(i, j)
    return (is_total, value == 0, value, pos)


def suppress(
    cells: list[list[int]],
    *,
    row_totals: bool = True,
    col_totals: bool = True,
    preset: dict[tuple[int, int], bool] | None = None,
) -> SuppressedTable:
    """Primary and secondary suppression of ``cells`` with the given published margins.

    ``preset`` fixes positions already decided in another table that shares them (the
    year's totals of a breakdown per commune are those of the breakdown per month):
    ``True`` hidden, ``False`` published (never chosen for secondary suppression).
    """
    preset = preset or {}
    table = SuppressedTable([list(row) for row in cells], row_totals, col_totals)
    if not table.height or not table.width:
        return table
    table.suppressed = {
        pos
        for pos in table.positions()
        if is_small(table.value(*pos)) and preset.get(pos) is not False
    }
    table.suppressed |= {pos for pos, hidden in preset.items() if hidden}
    while True:
        exposed = determined(table)
        if not exposed:
            return table
        target = exposed[0]
        lines = [line for line in table.equations() if target in line]
        free = [
            pos for pos in table.positions() if pos not in table.suppressed and pos not in preset
        ]
        # a line where the exposed cell is the only hidden one must get a second one (hiding
        # cells elsewhere would only spread the suppression); else any of its lines will do
        lonely = [line for line in lines if sum(pos in table.suppressed for pos in line) == 1]
        candidates = (
            [pos for line in lonely for pos in line if pos in free]
            or [pos for line in lines for pos in line if pos in free]
            or free
        )
        if not candidates:  # everything is hidden already
            return table
        table.suppressed.add(min(candidates, key=lambda pos: _cost(table, pos)))
