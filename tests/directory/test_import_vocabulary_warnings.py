"""An unknown optional value (typology, theme) is a warning: the row is imported without it."""

from millejours.directory.models import Service
from millejours.directory.services import resources_import

from .helpers import csv_file

OK = "1;Consultation allaitement;PMI de Castanet;pmi;perinatalite--allaitement;1 place X;31113;43.52;1.50;0561000000;pmi@exemple.fr;Mo-Fr 09:00-12:00"


def test_an_unknown_theme_is_left_out_with_a_warning(tmp_path, commune):
    line = "2;Atelier;PMI;pmi;inconnue--theme|perinatalite--allaitement;;31113;;;;;"
    report = resources_import(path=csv_file(tmp_path, [OK, line]))
    assert (report["created"], report["rejected"]) == (2, [])
    assert report["warnings"] == [
        {"row": 2, "warnings": ["Thématique inconnue ignorée : « inconnue--theme »."]}
    ]
    assert Service.objects.get(source_id="2").thematiques == ["perinatalite--allaitement"]


def test_an_unknown_typology_is_left_out_with_a_warning(tmp_path, commune):
    report = resources_import(path=csv_file(tmp_path, [OK, "2;Atelier;PMI;garderie;;;31113;;;;;"]))
    assert report["rejected"] == []
    assert report["warnings"][0]["warnings"] == ["Typologie inconnue ignorée : « garderie »."]
    assert Service.objects.get(source_id="2").typologie == ""


def test_a_clean_import_report_has_no_warnings_key(tmp_path, commune):
    report = resources_import(path=csv_file(tmp_path, [OK]))
    assert report == {"created": 1, "updated": 0, "rejected": []}
