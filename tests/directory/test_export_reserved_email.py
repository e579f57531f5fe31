"""A ``.test`` e-mail (accepted at entry, refused by data·inclusion) does not break the export.

Decision: the record is exported without ``courriel`` and a French warning names it
(web: ``X-Millejours-Avertissements`` header; command: stderr), so that one address
cannot block the whole territory's export.
"""

import io
import json

from django.core.management import call_command

from millejours.directory.exports import export_data_inclusion

from . import helpers


def _services():
    structure = helpers.structure(name="Maternité du Lauragais", email="accueil@maternite.test")
    helpers.service(
        "Consultation allaitement", structure_obj=structure, email="allaitement@exemple.fr"
    )


def test_the_reserved_domain_is_left_out_with_a_warning(db):
    _services()
    warnings: list[str] = []
    data = export_data_inclusion(warnings=warnings)
    assert "courriel" not in data["structures"][0]
    assert data["services"][0]["courriel"] == "allaitement@exemple.fr"
    assert warnings == [
        "Structure « Maternité du Lauragais » : courriel « accueil@maternite.test » refusé par le schéma "
        "data·inclusion, exporté sans courriel."
    ]


def test_the_web_export_answers_with_the_count_of_warnings(login, coordinator):
    _services()
    response = login(coordinator).get("/ressources/export.json")
    assert response.status_code == 200
    assert response["X-Millejours-Avertissements"] == "1"
    assert len(json.loads(response.content)["structures"]) == 1


def test_the_command_prints_the_warning_in_french(db, tmp_path):
    _services()
    err = io.StringIO()
    call_command(
        "resources",
        "export",
        "--output",
        str(tmp_path / "export.json"),
        stdout=io.StringIO(),
        stderr=err,
    )
    assert "Avertissement : Structure « Maternité du Lauragais »" in err.getvalue()
