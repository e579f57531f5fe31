"""Reading the CSV files coordinators really have (shared by every import).

UTF-8 with or without BOM, else Windows-1252; delimiter ``;``, ``,`` or tab, read on the
header line (Excel's French CSV uses ``;``).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

from defusedxml import DefusedXmlException

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

DELIMITERS = (";", ",", "\t")


class UndecodableText(ValueError):
    """Neither UTF-8 nor Windows-1252; each importer turns it into its own French error."""


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UndecodableText(str(exc)) from exc


def detect_delimiter(text: str) -> str:
    """The delimiter most used on the header line; ``;`` when none appears."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    if counts[best]:
        return best
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return ";"


# --- XLSX with bounded memory ------------------------------------------------------------
#
# A workbook is a zip of XML parts. The reader never trusts what the file declares: the
# sheet's ``<dimension ref="A1:XFD1048576">`` is ignored (openpyxl would otherwise pad every
# row to 16 384 columns and every sheet to 1 048 576 rows), rows are streamed one at a time
# and reading stops at a row and a column limit. XML with a DOCTYPE or entity declarations
# is refused before openpyxl parses anything (billion laughs, external entities), and
# ``defusedxml`` (a dependency) makes openpyxl's own parser refuse them too.

MAX_ROWS = 250_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 32_767  # the most a spreadsheet cell holds (Excel's limit)
MAX_ELEMENTS_PER_ROW = 70_000  # 16 384 cells of a few XML elements each
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024  # every part together, once inflated
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024  # openpyxl keeps the shared strings in memory
PROLOG_BYTES = 64 * 1024  # the DOCTYPE, when there is one, precedes the root element


class TableRefused(ValueError):
    """The file cannot or must not be read; the message is French and shown as is."""


class WorkbookRefused(TableRefused):
    """An XLSX workbook refused (unreadable, hostile, too large)."""


def _refuse(message: str) -> WorkbookRefused:
    return WorkbookRefused(message)


def _too_many_rows(max_rows: int) -> str:
    return f"Le fichier a trop de lignes (maximum {max_rows:,} lignes) : découpez-le.".replace(
        ",", "\u202f"
    )


def _cell_too_long(number: int) -> str:
    return (
        f"ligne {number} : une valeur dépasse {MAX_CELL_CHARS:,} caractères, la taille maximale d'une cellule "
        "(guillemet non fermé ?)"
    ).replace(",", "\u202f")


def _csv_error_in_french(exc: csv.Error, number: int) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return _cell_too_long(number)
    if "NUL" in text:
        return "le fichier contient des caractères nuls (est-ce bien un CSV ?)"
    return "format CSV invalide"


def read_csv_rows(
    text: str,
    *,
    delimiter: str | None = None,
    max_rows: int = MAX_ROWS,
    max_columns: int = MAX_COLUMNS,
) -> list[list[str]]:
    """The rows of a CSV text (header included), within the same limits as a workbook.

    Raises ``TableRefused`` (French message) on a malformed CSV or one beyond the limits.
    """
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter or detect_delimiter(text)
    )
    rows: list[list[str]] = []
    try:
        for number, row in enumerate(reader, start=1):
            if any(len(cell) > MAX_CELL_CHARS for cell in row):
                raise TableRefused(f"Fichier CSV illisible : {_cell_too_long(number)}.")
            if len(row) > max_columns and any(cell.strip() for cell in row[max_columns:]):
                raise TableRefused(
                    f"Le fichier a trop de colonnes (ligne {number} : {len(row)} ; maximum {max_columns})."
                )
            if number > max_rows:
                if any(cell.strip() for cell in row):
                    raise TableRefused(_too_many_rows(max_rows))
                continue
            rows.append(row)
    except csv.Error as exc:
        raise TableRefused(
            f"Fichier CSV illisible : {_csv_error_in_french(exc, reader.line_num)}."
        ) from None
    return rows


def _check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse zip bombs and XML parts declaring a DOCTYPE or entities."""
    infos = archive.infolist()
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
        raise _refuse("Classeur refusé : son contenu décompressé dépasse 512 Mo.")
    for info in infos:
        name = info.filename.lower()
        if name.endswith("sharedstrings.xml") and info.file_size > MAX_SHARED_STRINGS_BYTES:
            raise _refuse("Classeur refusé : ses textes dépassent 64 Mo une fois décompressés.")
        with archive.open(info) as part:  # every part: a sheet may be stored under any name
            prolog = part.read(PROLOG_BYTES)
        if re.search(rb"<!\s*(DOCTYPE|ENTITY)", prolog, re.IGNORECASE):
            raise _refuse(
                "Classeur refusé : il contient des déclarations XML (DOCTYPE ou entités) "
                "qu'un classeur Excel ne contient jamais. Réenregistrez-le depuis le tableur."
            )
        xml_part = name.endswith((".xml", ".rels", ".vml"))
        if xml_part and len(prolog) == PROLOG_BYTES and not re.search(rb"<[A-Za-z_]", prolog):
            raise _refuse("Classeur refusé : une de ses parties XML est malformée.")


def read_xlsx_rows(
    source: bytes | bytearray | str | IO[bytes],
    *,
    max_rows: int = MAX_ROWS,
    max_columns: int = MAX_COLUMNS,
) -> list[list[Any]]:
    """The rows of the first sheet (values, trailing empty cells dropped), header included.

    ``source`` is a path or the file's bytes. Raises ``WorkbookRefused`` (French message)
    for an unreadable or hostile workbook, or one beyond ``max_rows`` / ``max_columns``.
    Blank rows are kept as ``[]`` so that row numbers match the spreadsheet's.
    """
    from openpyxl import load_workbook  # heavy: loaded when an XLSX file is read only

    handle = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
    with _refused_if_unreadable():
        with zipfile.ZipFile(handle) as archive:
            _check_archive(archive)
        if hasattr(handle, "seek"):
            handle.seek(0)
        workbook = load_workbook(handle, read_only=True, data_only=True)
    try:
        with _refused_if_unreadable():
            if not workbook.worksheets:
                raise _refuse("Le classeur ne contient aucune feuille.")
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # never trust <dimension ref="A1:XFD1048576">
            return _bounded_rows(sheet, max_rows=max_rows, max_columns=max_columns)
    finally:
        workbook.close()


@contextmanager
def _refused_if_unreadable() -> Iterator[None]:
    """Any error opening or reading a workbook becomes a ``WorkbookRefused`` (French)."""
    try:
        yield
    except WorkbookRefused:
        raise
    except DefusedXmlException:
        raise _refuse(
            "Classeur refusé : il contient des déclarations XML interdites (entités)."
        ) from None
    except Exception as exc:  # noqa: BLE001 - zipfile and openpyxl raise many kinds of errors
        raise _refuse(f"Le classeur XLSX ne peut pas être lu ({exc.__class__.__name__}).") from None


def _row_number(attribute: str | None, previous: int) -> int:
    if attribute is None:
        return previous + 1
    try:
        number = int(float(attribute))
    except ValueError:
        raise _refuse(
            f"Classeur refusé : numéro de ligne invalide (« {attribute[:20]} »)."
        ) from None
    if number <= previous:
        raise _refuse(
            "Classeur refusé : ses lignes ne sont pas dans l'ordre (fichier forgé ou abîmé)."
        )
    return number


def _sheet_rows(
    sheet: Any,  # a ReadOnlyWorksheet, read through openpyxl's private attributes
) -> Iterator[tuple[int, dict[int, Any]]]:
    """``(row number, {column: value})`` for each ``<row>`` of the sheet, straight from its XML.

    openpyxl's own iteration pads every row up to its last cell (16 384 values for one
    styled cell in XFD), keeps every row's attributes and parses the sheet's other elements
    (merged cells…) into objects: this loop keeps one row at a time, and refuses a row (or
    any other element) made of more XML elements than a real row can hold.
    """
    # openpyxl is heavy: loaded when an XLSX file is read only.
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse  # defusedxml's when installed

    row_tag = f"{{{SHEET_MAIN_NS}}}row"
    workbook = sheet.parent
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        stack: list[Any] = []
        inner = number = 0
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                stack.append(element)
                if len(stack) > 3:  # inside a row (worksheet > sheetData > row > cell …)
                    inner += 1
                    if inner > MAX_ELEMENTS_PER_ROW:
                        raise _refuse(
                            "Classeur refusé : une ligne de la feuille contient trop d'éléments XML."
                        )
                continue
            stack.pop()
            if element.tag == row_tag:
                number = _row_number(element.get("r"), number)
                parser.row_counter, parser.col_counter = number, 0
                cells: dict[int, Any] = {}
                for cell in element:
                    parsed = parser.parse_cell(cell)
                    if parsed["value"] not in (None, ""):
                        cells[parsed["column"]] = parsed["value"]
                yield number, cells
            if 0 < len(stack) <= 2:  # a row, or an element next to sheetData: done with it
                stack[-1].remove(element)
                inner = 0


def _bounded_rows(sheet: ReadOnlyWorksheet, *, max_rows: int, max_columns: int) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for number, cells in _sheet_rows(sheet):
        if not cells:
            continue  # blank rows count only through the numbering
        if number > max_rows:
            raise _refuse(_too_many_rows(max_rows))
        last = max(cells)
        if last > max_columns:
            raise _refuse(
                f"Le classeur a trop de colonnes (ligne {number} : {last} ; maximum {max_columns})."
            )
        if any(isinstance(c, str) and len(c) > MAX_CELL_CHARS for c in cells.values()):
            raise _refuse(f"Classeur refusé : {_cell_too_long(number)}.")
        rows.extend([] for _ in range(number - 1 - len(rows)))
        rows.append([cells.get(column) for column in range(1, last + 1)])
    return rows
