import pytest

from millejours.programme.demo import load_fiches
from millejours.programme.models import Fiche
from millejours.programme.selectors import fiche_full
from millejours.programme.services.fiche_document import FICHE_SCHEMA, FicheDataError, fiche_to_dict
from millejours.programme.services.fiches import fiche_import

pytestmark = pytest.mark.django_db


def test_export_then_import_gives_the_same_content_for_both_seed_fiches():
    for fiche in load_fiches():
        exported = fiche_to_dict(fiche_full(fiche.pk))
        copy = fiche_import(payload=exported, origin="autre CPTS")
        assert copy.pk != fiche.pk
        assert fiche_to_dict(fiche_full(copy.pk)) == exported


def test_the_seed_002_fiche_carries_its_budget_table_and_indicators():
    _, petit_pas = load_fiches()
    data = fiche_to_dict(fiche_full(petit_pas.pk))["fiche"]
    assert data["title"] == "Petit pas grand pas"
    assert {(b["year"], b["funder"], b["forecast"]) for b in data["budget"]} == {
        (y, f, "25000.00") for y in (2019, 2020, 2021) for f in ("État", "Département")
    }
    assert len(data["indicators"]) == 5
    assert [v["year"] for v in data["indicators"][0]["values"]] == [2019, 2020, 2021]


def test_the_export_names_its_schema():
    fiche, _ = load_fiches()
    assert fiche_to_dict(fiche)["schema"] == FICHE_SCHEMA == "millejours.fiche/1"


def test_import_refuses_an_unknown_schema_in_french():
    with pytest.raises(FicheDataError) as exc:
        fiche_import(payload={"schema": "autre/9", "fiche": {}})
    assert "Schéma inconnu" in exc.value.errors[0]
    assert not Fiche.objects.exists()


def test_import_lists_every_error_and_saves_nothing():
    payload = {
        "schema": FICHE_SCHEMA,
        "fiche": {
            "title": "",
            "state": "fini",
            "call_objectives": [9],
            "budget": [{"year": 1990, "funder": "", "forecast": "beaucoup"}],
            "indicators": [
                {"label": "Nombre d'ateliers", "values": [{"year": 2024}, {"year": 2024}]}
            ],
        },
    }
    with pytest.raises(FicheDataError) as exc:
        fiche_import(payload=payload)
    text = " ".join(exc.value.errors)
    assert "libellé de l'action" in text
    assert "État : valeur inconnue « fini »" in text
    assert "entre 1 et 6" in text
    assert "l'année doit être un entier" in text
    assert "le financeur est obligatoire" in text
    assert "« beaucoup » n'est pas un nombre" in text
    assert "l'année 2024 apparaît deux fois" in text
    assert not Fiche.objects.exists()
