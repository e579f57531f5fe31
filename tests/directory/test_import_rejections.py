"""Each rejection reason of the import, in French, row by row; valid rows still go in."""

import pytest

from millejours.directory.models import Service
from millejours.directory.services import resources_import

from .helpers import HEADER, csv_file

OK = "1;Consultation allaitement;PMI de Castanet;pmi;perinatalite--allaitement;1 place X;31113;43.52;1.50;0561000000;pmi@exemple.fr;Mo-Fr 09:00-12:00"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("2;;PMI;pmi;;;31113;;;;;", "Nom du service (colonne « nom ») manquant."),
        (";Sans id;PMI;pmi;;;31113;;;;;", "Identifiant (colonne « id ») manquant."),
        ("2;Atelier;PMI;pmi;;;99999;;;;;", "Code INSEE inconnu : « 99999 »."),
        (
            "2;Atelier;PMI;pmi;;;;40.7;-74.0;;;",
            "Coordonnées hors de France (métropole et outre-mer) : 40.7, -74.0.",
        ),
        ("2;Atelier;PMI;pmi;;;;95;1;;;", "Coordonnées impossibles : 95.0, 1.0."),
        ("2;Atelier;PMI;pmi;;;;abc;1.5;;;", "Latitude invalide : « abc » n'est pas un nombre."),
        (
            "2;Atelier;PMI;pmi;;;;43.5;;;;",
            "Coordonnées incomplètes : latitude et longitude vont ensemble.",
        ),
        (
            "2;Atelier;PMI;pmi;;;;;;;;",
            "Localisation manquante : indiquer le code INSEE ou les coordonnées.",
        ),
        (
            "2;Atelier;PMI;pmi;;;31113;;;;pas-un-courriel;",
            "Courriel invalide : « pas-un-courriel ».",
        ),
    ],
)
def test_a_bad_row_is_rejected_with_its_french_reason(tmp_path, commune, line, reason):
    path = csv_file(tmp_path, [OK, line])
    report = resources_import(path=path)
    assert report["created"] == 1
    assert len(report["rejected"]) == 1
    assert report["rejected"][0]["row"] == 2
    assert any(error.startswith(reason) for error in report["rejected"][0]["errors"]), report
    assert Service.objects.count() == 1


def test_every_problem_of_a_row_is_listed(tmp_path, commune):
    path = csv_file(tmp_path, [";;PMI;garderie;foo;;99999;;;;x;9h"])
    errors = resources_import(path=path)["rejected"][0]["errors"]
    assert len(errors) >= 4


def test_a_duplicate_id_in_the_same_file_is_rejected(tmp_path, commune):
    path = csv_file(tmp_path, [OK, OK.replace("Consultation allaitement", "Autre nom")])
    report = resources_import(path=path)
    assert report["created"] == 1
    assert report["rejected"] == [
        {"row": 2, "errors": ["Identifiant « 1 » en double dans le fichier (déjà à la ligne 1)."]}
    ]


def test_an_unquoted_separator_inside_a_value_is_reported(tmp_path, commune):
    line = "2;Atelier;PMI;pmi;;;31113;;;;;Mo-Fr 09:00-12:00; Sa 09:00-12:00"
    report = resources_import(path=csv_file(tmp_path, [OK, line]))
    assert report["rejected"][0]["row"] == 2
    assert "séparateur" in report["rejected"][0]["errors"][0]


def test_an_insee_code_alone_places_the_service_at_the_town_hall(tmp_path, commune):
    path = csv_file(tmp_path, ["1;Atelier;PMI;pmi;;;31113;;;;;"])
    assert resources_import(path=path)["created"] == 1
    service = Service.objects.get()
    assert (service.latitude, service.longitude) == (commune.latitude, commune.longitude)
    assert service.commune == commune


def test_overseas_coordinates_are_accepted(tmp_path, db):
    path = csv_file(
        tmp_path,
        [
            "1;PMI de Saint-Denis;PMI Réunion;pmi;;;;-20.88;55.45;;;",
            "2;PMI de Cayenne;PMI Guyane;pmi;;;;4.93;-52.33;;;",
        ],
    )
    assert resources_import(path=path) == {"created": 2, "updated": 0, "rejected": []}


def test_header_alone_imports_nothing(tmp_path, db):
    path = tmp_path / "vide.csv"
    path.write_text(HEADER + "\n", encoding="utf-8")
    assert resources_import(path=path) == {"created": 0, "updated": 0, "rejected": []}


def test_unreadable_opening_hours_are_kept_as_text_with_a_warning(tmp_path, commune):
    path = csv_file(
        tmp_path,
        [
            OK,
            "2;Atelier;PMI;pmi;;;31113;;;;;Lu-Ve 9h-12h",
            '3;Permanence;PMI;pmi;;;31113;;;;;"Mo-Fr 9:00-12:00 ""sur rendez-vous""; We[1,3] 14:00-17:00"',
        ],
    )
    report = resources_import(path=path)
    assert (report["created"], report["rejected"]) == (3, [])
    assert [item["row"] for item in report["warnings"]] == [2]
    assert report["warnings"][0]["warnings"][0].startswith("Horaires gardés tels quels")
    kept = Service.objects.get(source_id="2")
    assert kept.opening_hours == "Lu-Ve 9h-12h"
    assert kept.opening_hours_lines == ["Lu-Ve 9h-12h"]
    assert Service.objects.get(source_id="3").opening_hours.endswith("We[1,3] 14:00-17:00")
