"""Writing CSV and XLSX files that a spreadsheet opens without running anything.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read as a formula by Excel and LibreOffice ("CSV injection": ``=HYPERLINK(…)``,
``=cmd|…``). Every text cell the platform writes goes through ``neutralise``, which puts a
single quote in front, as the OWASP guidance recommends
(https://owasp.org/www-community/attacks/CSV_Injection). Numbers, dates and booleans are
written as such (a negative number is not text and is never run as a formula).

XLSX text is always stored as text (cell type ``s``), never as a formula, and the control
characters XML cannot carry are dropped instead of failing the whole export.

(``defusedcsv`` on PyPI does the CSV half only, with a different character list; one rule
for both formats is simpler to audit.)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

T = TypeVar("T")

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value: T) -> T | str:
    """``value`` unchanged unless it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def unneutralise(value: T) -> T | str:
    """What ``neutralise`` wrote, read back (an import of a file the platform exported:
    the rejected rows fixed in a spreadsheet keep their « '+33 6… »)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(TRIGGERS):
        return value[1:]
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [neutralise(v) for v in values]


def csv_writer(out: IO[str], *, delimiter: str = ";") -> _SafeWriter:
    """A ``csv.writer`` whose rows are neutralised (same ``writerow``/``writerows``)."""
    return _SafeWriter(csv.writer(out, delimiter=delimiter))


class _Writer(Protocol):
    def writerow(self, row: Iterable[Any], /) -> Any: ...


class _SafeWriter:
    def __init__(self, writer: _Writer) -> None:
        self._writer = writer

    def writerow(self, values: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(values))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.writerow(values)


def csv_text(
    header: list[Any], rows: Iterable[list[Any]], *, delimiter: str = ";", bom: bool = True
) -> str:
    """A whole CSV (Excel's French ``;``, UTF-8 BOM so that Excel reads the accents)."""
    out = io.StringIO()
    writer = csv_writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" if bom else "") + out.getvalue()


def xlsx_append(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append one row to an openpyxl sheet: text as text (type ``s``), never a formula."""
    from openpyxl.cell.cell import Cell  # heavy: loaded for an XLSX only

    cells: list[Any] = []
    for value in values:
        if isinstance(value, str):
            text = neutralise(_XML_ILLEGAL.sub("", value))
            cell = Cell(sheet, value=text)  # type: ignore[call-arg]  # row, column: by append
            cell.data_type = "s"  # also "#N/A" and the like: text, not an error value
            cells.append(cell)
        else:
            cells.append(value)
    sheet.append(cells)


def xlsx_bytes(
    title: str,
    header: list[Any],
    rows: Iterable[list[Any]],
    *,
    footer: Iterable[list[Any]] = (),
) -> bytes:
    """A one-sheet workbook written with ``xlsx_append``."""
    # openpyxl is heavy: loaded when an XLSX file is written only.
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = title[:31]
    for values in (header, *rows, *footer):
        xlsx_append(sheet, values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
