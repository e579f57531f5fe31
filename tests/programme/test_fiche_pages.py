import pytest

from millejours.audit.models import AuditEvent
from millejours.programme.demo import load_fiches
from millejours.programme.models import Fiche

pytestmark = pytest.mark.django_db


def _management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _empty_lists():
    data = {}
    for prefix in ("objectives", "actions", "partners", "budget", "indicators"):
        data.update(_management(prefix, 0))
    return data


BASE = {
    "title": "Ateliers portage et sommeil",
    "mission": "socle_3_prevention",
    "theme": "sommeil",
    "state": "en_preparation",
    "public_code": "parents_0_3",
    "general_objective": "Soutenir les jeunes parents",
    "call_objectives": ["2", "6"],
}


def test_only_the_coordination_reaches_the_fiches(login, sagefemme, parent, coordinator):
    assert login(sagefemme).get("/programme/").status_code == 403
    assert login(parent).get("/programme/fiches/nouvelle/").status_code == 403
    assert login(coordinator).get("/programme/").status_code == 200


def test_the_coordinator_creates_a_fiche_with_its_lists(login, coordinator):
    client = login(coordinator)
    data = {
        **BASE,
        **_empty_lists(),
        **_management("objectives", 2),
        **_management("budget", 1),
        **_management("indicators", 1),
    }
    data.update(
        {
            "objectives-0-text": "Proposer des ateliers",
            "objectives-1-text": "Former les professionnels",
            "budget-0-year": "2025",
            "budget-0-expense_item": "Animation",
            "budget-0-funder": "CAF",
            "budget-0-funder_kind": "caf",
            "budget-0-forecast": "3000",
            "indicators-0-label": "Nombre d'ateliers",
            "indicators-0-source": "seances",
        }
    )
    response = client.post("/programme/fiches/nouvelle/", data)
    assert response.status_code == 302
    fiche = Fiche.objects.get()
    assert [o.text for o in fiche.objectives.all()] == [
        "Proposer des ateliers",
        "Former les professionnels",
    ]
    assert sorted(fiche.call_objectives.values_list("code", flat=True)) == [2, 6]
    assert fiche.budget_lines.get().forecast == 3000
    assert fiche.indicators.get().source == "seances"
    assert fiche.created_by == coordinator
    assert AuditEvent.objects.filter(
        action="programme.fiche_creee", object_id=str(fiche.pk)
    ).exists()
    page = client.get(f"/programme/fiches/{fiche.pk}/").content.decode()
    assert "Proposer des ateliers" in page


def test_an_invalid_fiche_saves_nothing(login, coordinator):
    client = login(coordinator)
    data = {**BASE, "title": "  ", **_empty_lists(), **_management("budget", 1)}
    data.update(
        {
            "budget-0-year": "1850",
            "budget-0-expense_item": "x",
            "budget-0-funder": "CAF",
            "budget-0-funder_kind": "caf",
            "budget-0-forecast": "10",
        }
    )
    response = client.post("/programme/fiches/nouvelle/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Le libellé de l&#x27;action est obligatoire." in html
        or "Ce champ est obligatoire." in html
    )
    assert "La fiche n&#x27;est pas enregistrée" in html
    assert not Fiche.objects.exists()


def test_adding_a_row_keeps_the_typed_values_and_saves_nothing(login, coordinator):
    client = login(coordinator)
    data = {
        **BASE,
        **_empty_lists(),
        **_management("actions", 1),
        "actions-0-text": "Première action",
        "add_row": "actions",
    }
    response = client.post("/programme/fiches/nouvelle/", data)
    html = response.content.decode()
    assert 'name="actions-TOTAL_FORMS" value="2"' in html
    assert "Première action" in html
    assert 'name="actions-1-text"' in html
    assert not Fiche.objects.exists()


def test_editing_deletes_and_reorders_rows(login, coordinator):
    fiche, _ = load_fiches()
    client = login(coordinator)
    edit = client.get(f"/programme/fiches/{fiche.pk}/modifier/")
    assert edit.status_code == 200
    objectives = list(fiche.objectives.all())
    data = {
        **BASE,
        "title": fiche.title,
        **_empty_lists(),
        **_management("objectives", len(objectives), len(objectives)),
    }
    for i, obj in enumerate(objectives):
        data[f"objectives-{i}-id"] = obj.pk
        data[f"objectives-{i}-fiche"] = fiche.pk
        data[f"objectives-{i}-text"] = obj.text
    data["objectives-0-DELETE"] = "on"
    # the other lists keep their rows: submit them unchanged
    for prefix, rel in (
        ("actions", fiche.actions),
        ("partners", fiche.partner_links),
        ("budget", fiche.budget_lines),
        ("indicators", fiche.indicators),
    ):
        rows = list(rel.all())
        data.update(_management(prefix, len(rows), len(rows)))
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-fiche"] = fiche.pk
            for field in {
                "actions": ["text"],
                "partners": ["partner", "role", "details"],
                "budget": ["year", "expense_item", "funder", "funder_kind", "forecast", "actual"],
                "indicators": ["label", "source"],
            }[prefix]:
                value = (
                    getattr(row, field + "_id", None) if field == "partner" else getattr(row, field)
                )
                data[f"{prefix}-{i}-{field}"] = "" if value is None else value
    response = client.post(f"/programme/fiches/{fiche.pk}/modifier/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [o.position for o in fiche.objectives.all()] == [0, 1, 2]
    assert fiche.objectives.count() == len(objectives) - 1
    assert fiche.actions.count() == 10


def test_exports_are_downloadable(login, coordinator):
    fiche, _ = load_fiches()
    client = login(coordinator)
    assert (
        client.get(f"/programme/fiches/{fiche.pk}/export/json/").json()["schema"]
        == "millejours.fiche/1"
    )
    assert b"".join(
        client.get(f"/programme/fiches/{fiche.pk}/export/pdf/").streaming_content
    ).startswith(b"%PDF")
    assert b"".join(
        client.get(f"/programme/fiches/{fiche.pk}/export/docx/").streaming_content
    ).startswith(b"PK")
    assert client.get(f"/programme/fiches/{fiche.pk}/export/odt/").status_code == 404


def test_the_import_page_shows_french_errors(login, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(coordinator)
    upload = SimpleUploadedFile(
        "fiche.json",
        b'{"schema": "millejours.fiche/1", "fiche": {"state": "x"}}',
        "application/json",
    )
    html = client.post("/programme/fiches/importer/", {"file": upload}).content.decode()
    assert "Le fichier n'est pas importé" in html
    assert "État : valeur inconnue « x »" in html
    assert not Fiche.objects.exists()


def test_the_catalogue_filters_and_is_shareable_without_login(client):
    fiche_1000, petit_pas = load_fiches()
    Fiche.objects.create(title="Idée non partagée", state="idee")
    html = client.get("/programme/catalogue/").content.decode()
    assert "Petit pas grand pas" in html and "Idée non partagée" not in html
    html = client.get("/programme/catalogue/?objective=3").content.decode()
    assert "Promotion de la santé" in html and "Petit pas grand pas" not in html
    html = client.get("/programme/catalogue/?theme=aller_vers&state=terminee").content.decode()
    assert "Petit pas grand pas" in html and "Promotion de la santé" not in html
    html = client.get("/programme/catalogue/?public=professionnels").content.decode()
    assert "Aucune fiche ne correspond" in html
    assert (
        client.get(f"/programme/catalogue/{petit_pas.pk}/json/").json()["fiche"]["title"]
        == "Petit pas grand pas"
    )
