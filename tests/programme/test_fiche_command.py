import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from millejours.programme.demo import load_fiches
from millejours.programme.models import Fiche

pytestmark = pytest.mark.django_db


def _run(*args):
    import io

    out, err = io.StringIO(), io.StringIO()
    call_command("fiche", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_list_in_json_gives_id_and_libelle():
    first, second = load_fiches()
    out, _ = _run("list", "--format", "json")
    assert json.loads(out) == {
        "fiches": [
            {"id": first.pk, "libelle": first.title},
            {"id": second.pk, "libelle": second.title},
        ]
    }


def test_list_in_text_gives_one_line_per_fiche():
    first, second = load_fiches()
    out, _ = _run("list")
    assert out.splitlines() == [f"{first.pk}\t{first.title}", f"{second.pk}\t{second.title}"]


def test_export_json_then_import_prints_the_new_id(tmp_path):
    _, fiche = load_fiches()
    target = tmp_path / "fiche.json"
    _run("export", str(fiche.pk), "--format", "json", "-o", str(target))
    out, _ = _run("import", str(target), "--format", "json")
    new_id = json.loads(out)["id"]
    assert new_id != fiche.pk
    assert Fiche.objects.get(pk=new_id).title == "Petit pas grand pas"
    out, _ = _run("import", str(target))
    assert out.strip().isdigit()


def test_export_pdf_writes_a_pdf(tmp_path):
    fiche, _ = load_fiches()
    target = tmp_path / "fiche.pdf"
    _run("export", str(fiche.pk), "--format", "pdf", "-o", str(target))
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("ident", ["999", "abc"])
def test_export_of_an_unknown_id_fails_with_code_2(ident, tmp_path):
    with pytest.raises(CommandError) as exc:
        _run("export", ident, "--format", "json", "-o", str(tmp_path / "x.json"))
    assert exc.value.returncode == 2
    assert "Fiche action introuvable" in str(exc.value)


def test_import_of_an_invalid_file_fails_with_code_2(tmp_path):
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{pas du json")
    bad_schema = tmp_path / "schema.json"
    bad_schema.write_text(json.dumps({"schema": "millejours.fiche/1", "fiche": {"title": ""}}))
    for path, message in [
        (bad_json, "n'est pas un JSON valide"),
        (bad_schema, "libellé de l'action"),
        (tmp_path / "absent.json", "Fichier introuvable"),
    ]:
        with pytest.raises(CommandError) as exc:
            _run("import", str(path))
        assert exc.value.returncode == 2
        assert message in str(exc.value)
    assert not Fiche.objects.exists()


def test_the_console_command_exits_with_code_2_and_a_french_message(tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "MILLEJOURS_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "millejours.settings",
    }
    env.pop("DATABASE_URL", None)
    base = [sys.executable, "-m", "millejours", "fiche"]
    for args, message in [
        ([], "arguments obligatoires manquants"),
        (["export", "1", "--format", "odt"], "choix invalide"),
        (["import", str(tmp_path / "absent.json")], "Fichier introuvable"),
    ]:
        result = subprocess.run(base + args, capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 2, result.stderr
        assert message in result.stderr
        assert result.stdout == ""
