"""Duplicates within the file and against existing families; re-importing changes nothing."""

from datetime import date, timedelta

import pytest

from millejours.outreach.models import OutreachContact
from millejours.pathway.models import Family, Parent, Pregnancy

from .helpers import days_ago, nir, people, row, run_command, write

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Family.objects.values_list("pk", "commune_id", "display_name")),
        sorted(Parent.objects.values_list("pk", "phone", "email", "nir")),
        sorted(Pregnancy.objects.values_list("pk", "lmp", "declared_on", "first_child")),
        sorted(
            OutreachContact.objects.values_list("pk", "phone", "email", "first_child", "row_hash")
        ),
    )


def test_reimporting_the_same_file_changes_nothing(tmp_path, commune):
    path = write(tmp_path, [*people(5), row(nom="")])
    first = run_command(path)
    before = snapshot()
    second = run_command(path)
    assert first["created"] == 5
    assert second == {"created": 0, "updated": 0, "duplicates": 5, "rejected": first["rejected"]}
    assert snapshot() == before


def test_same_person_twice_in_the_file_is_one_duplicate(tmp_path, commune):
    result = run_command(write(tmp_path, [row(), row(ddr=days_ago(60), telephone="0798765432")]))
    assert (result["created"], result["duplicates"]) == (1, 1)
    assert OutreachContact.objects.get().phone == "+33612345678"  # the first occurrence wins


def test_same_nir_in_the_file_is_a_duplicate_even_with_another_name(tmp_path, commune):
    result = run_command(
        write(tmp_path, [row(nir=nir()), row(nir=nir(), nom="Autre", prenom="Nom")])
    )
    assert (result["created"], result["duplicates"]) == (1, 1)


def test_same_name_and_birth_date_but_ddr_far_apart_are_two_pregnancies(tmp_path, commune):
    result = run_command(write(tmp_path, [row(ddr=days_ago(200)), row(ddr=days_ago(20))]))
    assert (result["created"], result["duplicates"]) == (2, 0)


def test_an_existing_family_is_matched_by_name_birth_date_and_ddr_within_14_days(tmp_path, family):
    parent = family.parents.get()
    lmp = family.pregnancies.get().lmp
    values = row(
        nom=parent.last_name.upper(),
        prenom=parent.first_name,
        date_naissance=f"{parent.birth_date:%d/%m/%Y}",
        ddr=f"{lmp + timedelta(days=10):%d/%m/%Y}",
        telephone=parent.phone,
        date_declaration="",
        primipare="oui",
    )
    result = run_command(write(tmp_path, [values]))
    assert result["created"] == 0
    assert result["updated"] == 1  # its outreach contact is new
    assert Family.objects.count() == 1
    assert OutreachContact.objects.get().family == family
    assert run_command(write(tmp_path, [values]))["duplicates"] == 1


def test_an_existing_family_is_matched_by_nir_and_its_phone_updated(tmp_path, family):
    parent = family.parents.get()
    parent.nir = nir()
    parent.save()
    result = run_command(
        write(
            tmp_path,
            [
                row(
                    nir=nir(),
                    nom="Autrement",
                    telephone="07 81 22 33 44",
                    ddr=f"{family.pregnancies.get().lmp:%d/%m/%Y}",
                )
            ],
        )
    )
    assert (result["created"], result["updated"]) == (0, 1)
    parent.refresh_from_db()
    assert parent.phone == "+33781223344"


def test_a_new_pregnancy_of_a_known_nir_is_added_to_the_family(tmp_path, family):
    parent = family.parents.get()
    parent.nir = nir()
    parent.save()
    old = family.pregnancies.get()
    old.lmp = date.today() - timedelta(days=600)
    old.save()
    result = run_command(write(tmp_path, [row(nir=nir(), ddr=days_ago(30))]))
    assert result["updated"] == 1
    assert family.pregnancies.count() == 2


def test_dry_run_reports_duplicates_without_writing(tmp_path, commune):
    path = write(tmp_path, people(3))
    run_command(path)
    before = snapshot()
    assert run_command(path, "--dry-run")["duplicates"] == 3
    assert snapshot() == before
