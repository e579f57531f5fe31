"""Workbooks written byte by byte, as an attacker would (no spreadsheet library involved)."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "{extra}</Types>"
)
SHARED_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
    "{extra}</Relationships>"
)
SHARED_REL = (
    '<Relationship Id="rId2" Target="sharedStrings.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
)
BILLION_LAUGHS_DTD = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def row_xml(number: int, values) -> str:
    cells = "".join(
        f'<c r="{column_letter(i)}{number}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'
        for i, v in enumerate(values, start=1)
        if v is not None
    )
    return f'<row r="{number}">{cells}</row>'


def sheet_xml(rows_xml: str, *, dimension: str = "A1", doctype: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows_xml}</sheetData></worksheet>'
    )


def workbook_bytes(
    sheet: str, *, shared_strings: str | None = None, sheet_path: str = "worksheets/sheet1.xml"
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            CONTENT_TYPES.replace("/xl/worksheets/sheet1.xml", "/xl/" + sheet_path).format(
                extra=SHARED_TYPE if shared_strings else ""
            ),
        )
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            WORKBOOK_RELS.replace("worksheets/sheet1.xml", sheet_path).format(
                extra=SHARED_REL if shared_strings else ""
            ),
        )
        archive.writestr("xl/" + sheet_path, sheet)
        if shared_strings:
            archive.writestr("xl/sharedStrings.xml", shared_strings)
    return buffer.getvalue()


def table_bytes(rows: list[list], *, dimension: str = "A1") -> bytes:
    return workbook_bytes(
        sheet_xml("".join(row_xml(n, r) for n, r in enumerate(rows, start=1)), dimension=dimension)
    )


def huge_dimension_bytes(rows: list[list]) -> bytes:
    """A few real rows, a sheet declaring the whole grid, and one styled cell at XFD1048576."""
    body = "".join(row_xml(n, r) for n, r in enumerate(rows, start=1))
    body += '<row r="1048576"><c r="XFD1048576" s="0"/></row>'
    return workbook_bytes(sheet_xml(body, dimension="A1:XFD1048576"))


def billion_laughs_bytes(*, in_shared_strings: bool = True) -> bytes:
    if in_shared_strings:
        shared = (
            f'<?xml version="1.0" encoding="UTF-8"?>{BILLION_LAUGHS_DTD}'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
            "<si><t>&lol9;</t></si></sst>"
        )
        sheet = sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
        return workbook_bytes(sheet, shared_strings=shared)
    sheet = sheet_xml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
        doctype=BILLION_LAUGHS_DTD,
    )
    return workbook_bytes(sheet)
