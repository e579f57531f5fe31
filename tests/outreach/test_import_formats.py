"""CSV in UTF-8 (with or without BOM) or Windows-1252, `;` or `,`, French or ISO dates; XLSX."""

from datetime import date, datetime, timedelta

import pytest
from openpyxl import Workbook

from millejours.pathway.models import Parent

from .helpers import HEADER, csv_bytes, row, run_command

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_encodings_and_delimiters(tmp_path, commune, encoding, delimiter):
    path = tmp_path / "f.csv"
    path.write_bytes(csv_bytes([row()], delimiter=delimiter, encoding=encoding))
    result = run_command(path)
    assert result == {"created": 1, "updated": 0, "duplicates": 0, "rejected": []}
    parent = Parent.objects.get()
    assert (parent.last_name, parent.first_name) == ("Lefèvre", "Élodie")


def test_headers_match_without_accents_or_case(tmp_path, commune):
    header = ["NOM", "Prénom", "Date de naissance", "Téléphone", "DDR", "Code INSEE"]
    content = (
        ";".join(header)
        + "\nDurand;Inès;03/04/1990;0612345678;"
        + f"{date.today() - timedelta(days=30):%d/%m/%Y}"
        + ";31113\n"
    )
    path = tmp_path / "f.csv"
    path.write_text(content, encoding="utf-8")
    assert run_command(path)["created"] == 1


def test_iso_dates_are_accepted(tmp_path, commune):
    ddr = date.today() - timedelta(days=40)
    path = tmp_path / "f.csv"
    path.write_bytes(
        csv_bytes([row(date_naissance="1993-02-14", ddr=ddr.isoformat(), date_declaration="")])
    )
    assert run_command(path)["created"] == 1
    assert Parent.objects.get().birth_date == date(1993, 2, 14)


def test_xlsx_with_date_cells_and_numbers(tmp_path, commune):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    values = row(
        date_naissance=datetime(1991, 7, 3),
        ddr=datetime.combine(date.today() - timedelta(days=50), datetime.min.time()),
        telephone=612345678,
        code_insee=31113,
        date_declaration=None,
    )
    sheet.append([values.get(col) for col in HEADER])
    path = tmp_path / "declarations.xlsx"
    workbook.save(path)
    result = run_command(path)
    assert result == {"created": 1, "updated": 0, "duplicates": 0, "rejected": []}
    assert Parent.objects.get().birth_date == date(1991, 7, 3)
