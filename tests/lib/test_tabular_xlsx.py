"""Workbooks are read with bounded memory, and hostile ones give a French error (issue 11, item 2)."""

import tracemalloc

import openpyxl
import pytest
from openpyxl.xml.functions import iterparse

from millejours.lib.tabular import WorkbookRefused, read_xlsx_rows

from .hostile_xlsx import (
    BILLION_LAUGHS_DTD,
    billion_laughs_bytes,
    huge_dimension_bytes,
    row_xml,
    sheet_xml,
    table_bytes,
    workbook_bytes,
)

PEAK_LIMIT = 50 * 1024 * 1024


def test_an_ordinary_workbook_reads_as_rows_with_blank_rows_kept_for_numbering():
    data = table_bytes([["nom", "prenom"], ["Martin", "Léa"], [], ["Durand", "Zoé"]])
    assert read_xlsx_rows(data) == [["nom", "prenom"], ["Martin", "Léa"], [], ["Durand", "Zoé"]]


def test_a_workbook_declaring_the_whole_grid_is_read_with_bounded_memory():
    """1.5 MB declaring A1:XFD1048576 drove an import past 23 GB: the dimension is now ignored."""
    data = huge_dimension_bytes([["nom", "prenom"], ["Martin", "Léa"]])
    tracemalloc.start()
    try:
        rows = read_xlsx_rows(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows == [["nom", "prenom"], ["Martin", "Léa"]]
    assert peak < PEAK_LIMIT, f"peak {peak / 1e6:.1f} MB"


def test_styled_empty_cells_in_xfd_on_every_row_cost_neither_memory_nor_minutes():
    """openpyxl pads each such row to 16 384 values (measured: 2 000 rows 5 s, so 1 000 000 rows ~40 min)."""
    import time

    body = row_xml(1, ["nom"]) + "".join(
        f'<row r="{n}" ht="15" customHeight="1"><c r="XFD{n}" s="0"/></row>'
        for n in range(2, 20_002)
    )
    data = workbook_bytes(sheet_xml(body, dimension="A1:XFD1048576"))
    started = time.monotonic()
    tracemalloc.start()
    try:
        rows = read_xlsx_rows(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows == [["nom"]]
    assert peak < PEAK_LIMIT
    assert time.monotonic() - started < 30


def test_a_row_made_of_more_xml_elements_than_a_real_row_is_refused():
    cells = '<c t="inlineStr"><is><t>x</t></is></c>' * 25_000
    with pytest.raises(WorkbookRefused, match="trop d'éléments XML"):
        read_xlsx_rows(workbook_bytes(sheet_xml(f'<row r="1">{cells}</row>')))


def test_rows_out_of_order_are_refused():
    with pytest.raises(WorkbookRefused, match="pas dans l'ordre"):
        read_xlsx_rows(workbook_bytes(sheet_xml(row_xml(5, ["a"]) + row_xml(2, ["b"]))))


def test_a_row_wider_than_the_column_limit_is_refused_in_french():
    data = workbook_bytes(
        sheet_xml(
            row_xml(1, ["nom"]) + '<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'
        )
    )
    with pytest.raises(WorkbookRefused, match="trop de colonnes"):
        read_xlsx_rows(data)


def test_a_sheet_longer_than_the_row_limit_is_refused_in_french():
    data = table_bytes([["nom"]] + [[f"n{i}"] for i in range(30)])
    with pytest.raises(WorkbookRefused, match="trop de lignes"):
        read_xlsx_rows(data, max_rows=20)
    assert len(read_xlsx_rows(data, max_rows=40)) == 31


@pytest.mark.parametrize("in_shared_strings", [True, False], ids=["shared strings", "sheet"])
def test_billion_laughs_is_refused_with_a_french_error_and_no_expansion(in_shared_strings):
    tracemalloc.start()
    try:
        with pytest.raises(WorkbookRefused, match="DOCTYPE ou entités"):
            read_xlsx_rows(billion_laughs_bytes(in_shared_strings=in_shared_strings))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < PEAK_LIMIT


def test_entities_in_a_sheet_stored_under_an_unusual_name_are_refused_too():
    sheet = sheet_xml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
        doctype=BILLION_LAUGHS_DTD,
    )
    data = workbook_bytes(sheet, sheet_path="worksheets/feuille.dat")
    with pytest.raises(WorkbookRefused, match="DOCTYPE ou entités"):
        read_xlsx_rows(data)
    assert read_xlsx_rows(
        workbook_bytes(sheet_xml(row_xml(1, ["ok"])), sheet_path="worksheets/feuille.dat")
    ) == [["ok"]]


def test_openpyxl_itself_refuses_entities_because_defusedxml_is_installed():
    """Second line of defence, should a DOCTYPE ever slip past the prolog check."""
    import io

    from defusedxml import DefusedXmlException

    assert openpyxl.DEFUSEDXML is True
    xml = f'<?xml version="1.0"?>{BILLION_LAUGHS_DTD}<sst><si><t>&lol9;</t></si></sst>'.encode()
    with pytest.raises(DefusedXmlException):
        for _ in iterparse(io.BytesIO(xml)):
            pass


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04 not really a zip", workbook_bytes("<worksheet><sheetData><row>")],
    ids=["broken zip", "truncated XML"],
)
def test_a_broken_workbook_gives_a_french_error(data):
    with pytest.raises(WorkbookRefused, match="ne peut pas être lu"):
        read_xlsx_rows(data)


def test_a_csv_obeys_the_same_row_and_column_limits():
    from millejours.lib.tabular import TableRefused, read_csv_rows

    text = "nom\n" + "".join(f"n{i}\n" for i in range(30))
    with pytest.raises(TableRefused, match="trop de lignes"):
        read_csv_rows(text, max_rows=20)
    assert len(read_csv_rows(text + "\n\n", max_rows=31)) == 31
    with pytest.raises(TableRefused, match="trop de colonnes"):
        read_csv_rows("a;" * 300 + "z\n")


@pytest.mark.parametrize(
    "process_limit", [131_072, 2**31 - 1], ids=["csv default", "raised by another reader"]
)
def test_a_csv_value_longer_than_a_cell_is_a_french_error(process_limit):
    """csv.field_size_limit is process-wide (territory.data raises it): the cell limit is ours."""
    import csv

    from millejours.lib.tabular import TableRefused, read_csv_rows

    previous = csv.field_size_limit(process_limit)
    try:
        with pytest.raises(TableRefused, match="guillemet non fermé"):
            read_csv_rows('nom;prenom\n"' + "a" * 200_000 + '";b\n')
    finally:
        csv.field_size_limit(previous)


def test_a_workbook_cell_longer_than_a_spreadsheet_cell_is_refused():
    with pytest.raises(WorkbookRefused, match="taille maximale d'une cellule"):
        read_xlsx_rows(table_bytes([["nom"], ["a" * 40_000]]))
