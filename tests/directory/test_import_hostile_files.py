"""Hostile workbooks given to the directory import: a French error, bounded memory (issue 11, item 2)."""

import pytest
from django.core.management import CommandError, call_command

from millejours.directory.importers.reading import read_rows
from tests.lib.hostile_xlsx import billion_laughs_bytes, huge_dimension_bytes


def test_the_directory_reads_workbooks_through_the_shared_bounded_reader(tmp_path):
    path = tmp_path / "annuaire.xlsx"
    path.write_bytes(huge_dimension_bytes([["id", "nom"], ["1", "Consultation PMI"]]))
    assert read_rows(path) == ("xlsx", [{"id": "1", "nom": "Consultation PMI"}])


def test_a_billion_laughs_workbook_is_exit_code_2_in_french(tmp_path, db):
    path = tmp_path / "annuaire.xlsx"
    path.write_bytes(billion_laughs_bytes())
    with pytest.raises(CommandError) as excinfo:
        call_command("resources", "import", str(path))
    assert excinfo.value.returncode == 2
    assert "DOCTYPE ou entités" in str(excinfo.value)
