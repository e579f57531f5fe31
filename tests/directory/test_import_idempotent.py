"""Re-importing the same source updates rather than duplicates; a file is atomic."""

from unittest import mock

import pytest

from millejours.directory.models import Service, Structure
from millejours.directory.services import resources_import

from .helpers import csv_file

ROWS = [
    "1;Consultation allaitement;PMI de Castanet;pmi;perinatalite--allaitement;;31113;;;;;",
    "2;Atelier portage;PMI de Castanet;pmi;perinatalite--portage;;31113;;;;;",
]


def test_reimporting_the_same_file_updates(tmp_path, commune):
    path = csv_file(tmp_path, ROWS)
    assert resources_import(path=path) == {"created": 2, "updated": 0, "rejected": []}
    assert resources_import(path=path) == {"created": 0, "updated": 2, "rejected": []}
    assert Service.objects.count() == 2
    assert Structure.objects.count() == 1


def test_changes_of_the_source_are_applied(tmp_path, commune):
    resources_import(path=csv_file(tmp_path, ROWS))
    changed = [
        ROWS[0].replace("Consultation allaitement", "Consultation allaitement et portage"),
        ROWS[1],
    ]
    resources_import(path=csv_file(tmp_path, changed))
    assert Service.objects.filter(name="Consultation allaitement et portage").count() == 1
    assert Service.objects.count() == 2


def test_the_same_ids_from_another_source_are_other_services(tmp_path, commune):
    resources_import(path=csv_file(tmp_path, ROWS, name="pmi.csv"))
    report = resources_import(path=csv_file(tmp_path, ROWS, name="caf.csv"))
    assert report["created"] == 2
    assert Service.objects.count() == 4


def test_an_explicit_source_survives_a_renamed_file(tmp_path, commune):
    resources_import(path=csv_file(tmp_path, ROWS, name="annuaire-2025.csv"), source="cd31")
    report = resources_import(
        path=csv_file(tmp_path, ROWS, name="annuaire-2026.csv"), source="cd31"
    )
    assert report == {"created": 0, "updated": 2, "rejected": []}


def test_the_accepted_rows_of_a_file_go_in_together_or_not_at_all(tmp_path, commune):
    path = csv_file(tmp_path, ROWS)
    with mock.patch(
        "millejours.directory.services.Service.objects.bulk_create",
        side_effect=RuntimeError("panne"),
    ):
        with pytest.raises(RuntimeError):
            resources_import(path=path)
    assert Structure.objects.count() == 0
    assert Service.objects.count() == 0
