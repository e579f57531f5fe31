"""Hostile workbooks given to the declarations import: a French error, no blow-up (issue 11, items 2 and 9)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError
from django.urls import reverse

from millejours.outreach.importer import read_table
from millejours.outreach.models import ImportBatch
from tests.lib.hostile_xlsx import billion_laughs_bytes, huge_dimension_bytes

from .helpers import HEADER, row, run_command


def test_the_importer_reads_workbooks_through_the_shared_bounded_reader():
    values = row()
    table = read_table(
        huge_dimension_bytes([HEADER, [values[c] for c in HEADER]]), "declarations.xlsx"
    )
    assert len(table.rows) == 1 and table.rows[0][0] == "Lefèvre"


@pytest.mark.django_db
def test_a_billion_laughs_workbook_exits_2_with_a_french_message(tmp_path):
    path = tmp_path / "declarations.xlsx"
    path.write_bytes(billion_laughs_bytes())
    with pytest.raises(CommandError) as excinfo:
        run_command(path)
    assert excinfo.value.returncode == 2
    assert "DOCTYPE ou entités" in str(excinfo.value)


def test_a_billion_laughs_workbook_uploaded_on_the_web_fails_the_batch_in_french(
    login, coordinator
):
    client = login(coordinator)
    client.post(
        reverse("outreach:import_new"),
        {
            "file": SimpleUploadedFile(
                "declarations.xlsx", billion_laughs_bytes(in_shared_strings=False)
            )
        },
    )
    batch = ImportBatch.objects.get()
    assert batch.status == "echec"
    assert "DOCTYPE ou entités" in batch.error


@pytest.mark.django_db
def test_an_unclosed_quote_swallowing_the_file_exits_2_in_french(tmp_path):
    path = tmp_path / "declarations.csv"
    path.write_bytes(";".join(HEADER).encode() + b'\n"' + b"x" * 200_000 + b"\n")
    with pytest.raises(CommandError) as excinfo:
        run_command(path)
    assert excinfo.value.returncode == 2
    assert "guillemet non fermé" in str(excinfo.value)
