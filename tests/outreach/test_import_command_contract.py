"""`millejours declarations import FILE [--dry-run] [--format json]`: the stable contract."""

import pytest
from django.core.management.base import CommandError

from millejours.outreach.models import OutreachContact
from millejours.pathway.models import Family, Parent, Pregnancy

from .helpers import people, row, run_command, write

pytestmark = pytest.mark.django_db


def test_it_prints_the_four_keys_of_the_contract(tmp_path, commune):
    result = run_command(write(tmp_path, people(2) + [row(nom="")]))
    assert set(result) == {"created", "updated", "duplicates", "rejected"}
    assert result["created"] == 2
    assert result["rejected"] == [{"row": 3, "errors": ["Nom manquant."]}]


def test_row_numbers_count_data_rows_from_one(tmp_path, commune):
    rows = [row(nom=""), *people(2), row(prenom="")]
    result = run_command(write(tmp_path, rows))
    assert [item["row"] for item in result["rejected"]] == [1, 4]


def test_dry_run_writes_nothing(tmp_path, commune):
    before = (Family.objects.count(), Parent.objects.count(), Pregnancy.objects.count())
    result = run_command(write(tmp_path, people(3)), "--dry-run")
    assert result["created"] == 3
    assert (Family.objects.count(), Parent.objects.count(), Pregnancy.objects.count()) == before
    assert not OutreachContact.objects.exists()


def test_the_import_creates_family_parent_pregnancy_and_contact(tmp_path, commune):
    run_command(write(tmp_path, [row(email="elodie@exemple.test", nir="")]))
    contact = OutreachContact.objects.select_related("parent", "family").get()
    assert contact.phone == "+33612345678"
    assert contact.email == "elodie@exemple.test"
    assert contact.first_child is True
    assert contact.family.commune == commune
    assert contact.parent.first_name == "Élodie"
    assert contact.family.pregnancies.get().first_child is True


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "introuvable"),
        (b"", "vide"),
        (b"\x00\x01\x02binary\x00", "ni un CSV"),
        (b"1;2;3\n4;5;6\n", "Aucune colonne reconnue"),
        (b"nom;prenom;telephone\nA;B;0612345678\n", "Colonnes obligatoires absentes"),
        (b"PK\x03\x04broken", "XLSX"),
    ],
)
def test_an_unreadable_file_exits_2_with_a_french_message(tmp_path, content, message):
    path = tmp_path / "fichier.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError) as excinfo:
        run_command(path)
    assert excinfo.value.returncode == 2
    assert message in str(excinfo.value)


def test_the_command_line_exits_0_with_rejected_rows(tmp_path, commune, capsys):
    from millejours.__main__ import main

    main(
        [
            "millejours",
            "declarations",
            "import",
            str(write(tmp_path, [row(nom="")])),
            "--dry-run",
            "--format",
            "json",
        ]
    )
    assert '"rejected": [{"row": 1' in capsys.readouterr().out


def test_the_command_line_exits_2_with_a_french_message_when_unreadable(tmp_path, capsys):
    from millejours.__main__ import main

    with pytest.raises(SystemExit) as excinfo:
        main(["millejours", "declarations", "import", str(tmp_path / "absent.csv")])
    assert excinfo.value.code == 2
    assert "Fichier illisible : Fichier introuvable" in capsys.readouterr().err


def test_a_bad_option_exits_2_in_french(capsys):
    from millejours.__main__ import main

    with pytest.raises(SystemExit) as excinfo:
        main(["millejours", "declarations", "import"])
    assert excinfo.value.code == 2
    err = capsys.readouterr().err
    assert "erreur" in err and "arguments obligatoires manquants" in err
