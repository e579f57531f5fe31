"""Exports validate against the data·inclusion schema models (and re-import cleanly)."""

import json

from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure

from millejours.directory.exports import EXTENSION_KEYS, export_data_inclusion
from millejours.directory.models import Service, Status
from millejours.directory.services import resources_import

from . import helpers


def test_published_services_export_to_valid_data_inclusion_records(db, commune):
    structure = helpers.structure(
        name="Maternité du Lauragais",
        typologie="maternite",
        commune=commune,
        siret="12345678901234",
    )
    helpers.service(
        "Consultation allaitement",
        structure_obj=structure,
        themes=[
            "perinatalite--allaitement",
            "perinatalite--depression-post-partum",
            "sante--sante-mentale",
        ],
        publics=["familles", "femmes"],
        modes_accueil=["en-presentiel"],
        zone_eligibilite=["31113", "31"],
        commune=commune,
        phone="+33561000000",
        email="maternite@exemple.fr",
        opening_hours="Mo-Fr 09:00-17:00",
        frais="gratuit",
        type_service="accompagnement",
        languages=["fr", "es"],
    )
    helpers.service("Brouillon non exporté", status=Status.DRAFT)
    data = export_data_inclusion()
    assert len(data["services"]) == 1
    for item in data["structures"]:
        DIStructure.model_validate(item)
    exported = data["services"][0]
    DIService.model_validate({k: v for k, v in exported.items() if k not in EXTENSION_KEYS})
    assert exported["thematiques"] == [
        "famille--soutien-a-la-parentalite-et-a-leducation",
        "sante--sante-mentale",
    ]
    assert exported["thematiques_perinatalite"] == [
        "perinatalite--allaitement",
        "perinatalite--depression-post-partum",
    ]
    assert exported["id"].startswith("test--")


def test_an_export_can_be_imported_again_without_duplicates(db, commune, tmp_path):
    helpers.service("Atelier portage", commune=commune, themes=["perinatalite--portage"])
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export_data_inclusion()), encoding="utf-8")
    report = resources_import(path=path)
    assert report == {"created": 0, "updated": 1, "rejected": []}
    assert Service.objects.count() == 1


def test_hours_kept_as_text_are_left_out_of_the_export_with_a_warning(db, commune):
    helpers.service("Permanence", commune=commune, opening_hours="Lu-Ve 9h-12h")
    helpers.service(
        "Consultation", commune=commune, opening_hours='Mo-Fr 9:00-12:00 "sur rendez-vous"'
    )
    warnings: list[str] = []
    data = export_data_inclusion(warnings=warnings)
    hours = {s["nom"]: s.get("horaires_accueil") for s in data["services"]}
    assert hours == {"Permanence": None, "Consultation": 'Mo-Fr 9:00-12:00 "sur rendez-vous"'}
    assert warnings == [
        "Service « Permanence » : horaires « Lu-Ve 9h-12h » hors format OpenStreetMap, exportés sans horaires."
    ]
