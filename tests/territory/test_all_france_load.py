"""``millejours territory load --all`` loads every commune of France, idempotently."""

import json

import pytest
from django.core.management import call_command

from millejours.territory.models import Commune

pytestmark = pytest.mark.django_db


def test_all_loads_every_commune_including_corsica_and_overseas_and_is_idempotent(capsys):
    call_command("territory", "load", "--all", "--format", "json")
    first = json.loads(capsys.readouterr().out)
    count = Commune.objects.count()
    assert count > 34_000
    assert first["total"] == count and first["created"] == count
    names = dict(
        Commune.objects.filter(
            insee_code__in=["2A004", "2B033", "97411", "97611", "01001", "75056"]
        ).values_list("insee_code", "name")
    )
    assert names == {
        "2A004": "Ajaccio",
        "2B033": "Bastia",
        "97411": "Saint-Denis",
        "97611": "Mamoudzou",
        "01001": "L'Abergement-Clémenciat",
        "75056": "Paris",
    }
    assert Commune.objects.get(insee_code="97411").departement == "974"
    assert "75001" in Commune.objects.get(insee_code="75056").postcodes  # from its arrondissements

    call_command("territory", "load", "--all", "--format", "json")
    second = json.loads(capsys.readouterr().out)
    assert Commune.objects.count() == count
    assert second["created"] == 0 and second["updated"] == count
