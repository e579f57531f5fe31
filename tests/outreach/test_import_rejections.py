"""Each invalid row is rejected with a French reason; valid rows of the file still go in."""

import pytest

from .helpers import days_ago, nir, people, row, run_command, write

pytestmark = pytest.mark.django_db


def wrong_key(value: str) -> str:
    return value[:13] + f"{(int(value[13:]) + 1) % 100:02d}"


@pytest.mark.parametrize(
    "values, reason",
    [
        ({"nom": ""}, "Nom manquant."),
        ({"prenom": ""}, "Prénom manquant."),
        ({"nir": wrong_key(nir())}, "la clé de contrôle est incorrecte"),
        ({"nir": "12345"}, "format invalide"),
        ({"telephone": "05 61 00 00 00"}, "ce n'est pas un numéro de mobile"),
        ({"telephone": "06 12"}, "numéro invalide"),
        ({"email": "pas-une-adresse"}, "adresse invalide"),
        ({"telephone": "", "email": ""}, "Aucun moyen de contact"),
        ({"date_naissance": "31/02/1994"}, "n'existe pas"),
        ({"date_naissance": "demain"}, "n'est pas une date"),
        ({"date_naissance": days_ago(-3)}, "dans le futur"),
        ({"date_naissance": "01/01/1900"}, "invraisemblable"),
        ({"ddr": days_ago(-10)}, "DDR : la date"),
        ({"ddr": days_ago(46 * 7)}, "Grossesse déjà terminée"),
        ({"ddr": "", "dpa": ""}, "DDR ou DPA manquante"),
        ({"ddr": days_ago(70), "dpa": days_ago(-100)}, "incohérentes"),
        ({"date_declaration": days_ago(-1)}, "Date de déclaration : la date"),
        ({"code_insee": "99999"}, "Commune inconnue : code INSEE « 99999 »"),
        (
            {"code_insee": "", "code_postal": "31320", "commune": "Atlantide"},
            "Commune inconnue : « Atlantide »",
        ),
        ({"primipare": "peut-être"}, "oui ou non attendu"),
    ],
)
def test_an_invalid_row_is_rejected_with_its_reason(tmp_path, commune, values, reason):
    result = run_command(write(tmp_path, [*people(1), row(**values)]))
    assert result["created"] == 1
    assert len(result["rejected"]) == 1
    assert result["rejected"][0]["row"] == 2
    assert any(reason in error for error in result["rejected"][0]["errors"]), result["rejected"]


def test_every_problem_of_a_row_is_listed(tmp_path, commune):
    result = run_command(write(tmp_path, [row(nom="", telephone="0561000000", ddr="")]))
    assert len(result["rejected"][0]["errors"]) == 3


@pytest.mark.parametrize(
    "phone, e164",
    [
        ("06 12 34 56 78", "+33612345678"),
        ("+33 7 81 22 33 44", "+33781223344"),
        ("0692 12 34 56", "+262692123456"),  # La Réunion
        ("0690 12 34 56", "+590690123456"),  # Guadeloupe
        ("0696 12 34 56", "+596696123456"),  # Martinique
        ("0694 20 12 34", "+594694201234"),  # Guyane
        ("0639 40 12 34", "+262639401234"),  # Mayotte
    ],
)
def test_metropolitan_and_overseas_mobiles_are_accepted(tmp_path, commune, phone, e164):
    from millejours.outreach.models import OutreachContact

    result = run_command(write(tmp_path, [row(telephone=phone)]))
    assert result["rejected"] == []
    assert OutreachContact.objects.get().phone == e164


def test_a_dpa_alone_gives_the_ddr(tmp_path, commune):
    from datetime import date, timedelta

    from millejours.pathway.models import Pregnancy

    dpa = date.today() + timedelta(days=200)
    run_command(write(tmp_path, [row(ddr="", dpa=f"{dpa:%d/%m/%Y}")]))
    assert Pregnancy.objects.get().lmp == dpa - timedelta(days=287)


def test_a_valid_nir_is_kept(tmp_path, commune):
    from millejours.pathway.models import Parent

    run_command(write(tmp_path, [row(nir=nir())]))
    assert Parent.objects.get().nir == nir()


def test_a_commune_is_found_by_postcode_and_name_without_accents(tmp_path, commune):
    from millejours.pathway.models import Family

    result = run_command(
        write(tmp_path, [row(code_insee="", code_postal="31320", commune="CASTANET TOLOSAN")])
    )
    assert result["rejected"] == []
    assert Family.objects.get().commune == commune
