"""Files as coordinators have them: UTF-8 with or without BOM, Windows-1252, ';' or ',', XLSX, JSON."""

import json

import pytest
from openpyxl import Workbook

from millejours.directory.models import Service
from millejours.directory.services import resources_import

from .helpers import HEADER, csv_file

ROW = "1;Lieu d'accueil enfants-parents « Les Pâquerettes »;Mairie d'Escalquens;laep;perinatalite--isolement-epuisement;2 rue de l'Église;31113;43.52;1.50;0561000000;laep@exemple.fr;Tu,Th 09:00-12:00"
NAME = "Lieu d'accueil enfants-parents « Les Pâquerettes »"


@pytest.mark.parametrize(
    ("encoding", "bom", "delimiter"),
    [
        ("utf-8", False, ";"),
        ("utf-8", True, ";"),
        ("cp1252", False, ";"),
        ("utf-8", False, ","),
        ("cp1252", False, ","),
        ("utf-8", True, ","),
    ],
)
def test_encodings_and_delimiters(tmp_path, commune, encoding, bom, delimiter):
    row = ROW.replace("perinatalite--isolement-epuisement", "1000-jours--isolement-epuisement")
    if delimiter == ",":
        row = row.replace(",", " ").replace(";", ",")  # no comma inside values
        row = row.replace("Tu Th", "Tu-Th")
    path = csv_file(tmp_path, [row], delimiter=delimiter, encoding=encoding, bom=bom)
    report = resources_import(path=path)
    assert report == {"created": 1, "updated": 0, "rejected": []}
    service = Service.objects.get()
    assert service.name == NAME if delimiter == ";" else service.name.startswith("Lieu d'accueil")
    assert service.structure.name == "Mairie d'Escalquens"
    assert service.thematiques == ["1000-jours--isolement-epuisement"]


def test_quoted_values_may_contain_the_delimiter(tmp_path, commune):
    line = '1;"Atelier; portage";PMI;pmi;perinatalite--portage;;31113;;;;;"Mo-Fr 09:00-12:00; Sa 09:00-12:00; PH off"'
    report = resources_import(path=csv_file(tmp_path, [line]))
    assert report["created"] == 1
    assert Service.objects.get().opening_hours == "Mo-Fr 09:00-12:00; Sa 09:00-12:00; PH off"


def test_accented_and_capitalised_headers_are_understood(tmp_path, commune):
    header = "ID;Nom;Structure;Typologie;Thématiques;Adresse;Code INSEE;Latitude;Longitude;Téléphone;Courriel;Horaires"
    path = csv_file(
        tmp_path, ["7;Atelier sommeil;PMI;PMI;perinatalite--sommeil;;31113;;;;;"], header=header
    )
    assert resources_import(path=path)["created"] == 1


def test_xlsx_with_numbers_as_numbers(tmp_path, commune):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(
        [
            12,
            "Consultation sage-femme",
            "Cabinet",
            "sage-femme-liberale",
            "perinatalite--allaitement|perinatalite--depression-post-partum",
            "3 rue Y",
            31113,
            43.51,
            1.49,
            "0561000000",
            "sf@exemple.fr",
            "Mo-Fr 08:00-19:00",
        ]
    )
    sheet.append([13, None, "Cabinet", "pmi", None, None, 99999, None, None, None, None, None])
    path = tmp_path / "annuaire.xlsx"
    workbook.save(path)
    report = resources_import(path=path)
    assert report["created"] == 1
    assert report["rejected"][0]["row"] == 2
    service = Service.objects.get()
    assert service.source_id == "12"
    assert service.latitude == pytest.approx(43.51)
    assert service.thematiques == [
        "perinatalite--allaitement",
        "perinatalite--depression-post-partum",
    ]


def test_data_inclusion_json(tmp_path, commune):
    data = {
        "structures": [
            {
                "source": "dora",
                "id": "dora--s1",
                "nom": "Association Naître ensemble",
                "date_maj": "2026-01-02",
            }
        ],
        "services": [
            {
                "source": "dora",
                "structure_id": "dora--s1",
                "id": "dora--v1",
                "nom": "Groupe de parole jeunes parents",
                "description": "Un groupe de parole pour les jeunes parents.",
                "date_maj": "2026-01-02",
                "thematiques": ["famille--soutien-a-la-parentalite-et-a-leducation"],
                "publics": ["familles"],
                "code_insee": "31113",
                "latitude": None,
                "longitude": None,
                "horaires_accueil": "We 14:00-16:00",
            }
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert resources_import(path=path) == {"created": 1, "updated": 0, "rejected": []}
    service = Service.objects.get()
    assert (service.source, service.source_id) == ("dora", "v1")
    assert service.structure.name == "Association Naître ensemble"
    assert service.publics == ["familles"]


def test_a_deeply_nested_json_file_is_refused_in_french(tmp_path, commune):
    from millejours.directory.importers.reading import ImportFileError

    path = tmp_path / "export.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ImportFileError, match="trop profondément imbriqué"):
        resources_import(path=path)
