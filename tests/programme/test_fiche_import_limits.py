"""``millejours fiche import`` enforces lengths and ranges: French errors, exit 2, nothing saved."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from millejours.programme.models import Fiche
from millejours.programme.services.fiche_document import FICHE_SCHEMA

pytestmark = pytest.mark.django_db


def _document(**fiche):
    return {"schema": FICHE_SCHEMA, "fiche": {"title": "Ateliers portage", **fiche}}


def _import(tmp_path, payload, *, raw: str | None = None):
    path = tmp_path / "fiche.json"
    path.write_text(raw if raw is not None else json.dumps(payload), encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("fiche", "import", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert exc.value.returncode == 2
    assert not Fiche.objects.exists()
    return str(exc.value)


def test_a_valid_document_is_imported(tmp_path):
    path = tmp_path / "fiche.json"
    path.write_text(
        json.dumps(
            _document(
                carrier="CPTS Sud",
                duration_months=24,
                budget=[{"year": 2025, "funder": "ARS", "forecast": "1500.5"}],
            )
        )
    )
    out = io.StringIO()
    call_command("fiche", "import", str(path), stdout=out)
    fiche = Fiche.objects.get(pk=int(out.getvalue()))
    assert str(fiche.budget_lines.get().forecast) == "1500.50"


@pytest.mark.parametrize(
    ("fiche", "message"),
    [
        ({"carrier": "x" * 201}, "au plus 200 sont acceptés"),
        ({"title": "t" * 251}, "au plus 250 sont acceptés"),
        ({"description": "d" * 20_001}, "au plus 20000 sont acceptés"),
        ({"actions": ["a" * 2_001]}, "Actions n° 1 : 2001 caractères"),
        ({"duration_months": 10**20}, "entier entre 0 et 240"),
        ({"duration_months": -1}, "entier entre 0 et 240"),
        ({"start_date": "0001-01-01"}, "entre 2000 et 2100"),
        ({"partners": [{"name": "P" * 201}]}, "Partenaire n° 1, nom"),
        ({"partners": [{"name": "Asso", "kind": ["liste"]}]}, "valeur inconnue"),
        ({"call_objectives": [{"code": 1}]}, "entre 1 et 6"),
        ({"budget": [{"year": 2025, "funder": "ARS", "forecast": "1e20"}]}, "compris entre 0 et"),
        ({"budget": [{"year": 2025, "funder": "ARS", "forecast": "NaN"}]}, "compris entre 0 et"),
        ({"budget": [{"year": 2025, "funder": "ARS", "forecast": -5}]}, "compris entre 0 et"),
        ({"budget": [{"year": 2025, "funder": "F" * 201}]}, "financeur : 201 caractères"),
        ({"indicators": [{"label": "I" * 301}]}, "Indicateur n° 1, libellé"),
        (
            {"indicators": [{"label": "Ateliers", "values": [{"year": 2025, "target": 1e300}]}]},
            "compris entre 0 et",
        ),
    ],
)
def test_out_of_bounds_values_are_refused_in_french(tmp_path, fiche, message):
    text = _import(tmp_path, _document(**fiche))
    assert "Fiche invalide" in text
    assert message in text


def test_a_deeply_nested_document_is_refused_in_french(tmp_path):
    text = _import(tmp_path, None, raw="[" * 100_000 + "]" * 100_000)
    assert "trop profondément imbriqué" in text


def test_the_web_import_refuses_a_deeply_nested_file_in_french(login, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "fiche.json", ("[" * 100_000 + "]" * 100_000).encode(), "application/json"
    )
    response = login(coordinator).post("/programme/fiches/importer/", {"file": upload})
    assert response.status_code == 200
    assert "trop profondément imbriqué" in response.content.decode()
    assert not Fiche.objects.exists()
