"""Two women are never merged on a guess (issue 11, item 7).

Different valid NIRs: two people, whatever the names and dates. Same name + birth date +
DDR without NIRs and other contact details: a « doublon possible » for the coordination,
never an overwrite of the known person's contact details.
"""

from datetime import timedelta

import pytest
from django.urls import reverse

from millejours.outreach.models import (
    DuplicateStatus,
    OutboundMessage,
    OutreachContact,
    PossibleDuplicate,
)
from millejours.pathway.models import Family, Parent

from .helpers import nir, row, run_command, write

pytestmark = pytest.mark.django_db
OTHER_NIR = "2930231113046"


def _same_person_as(family, **values):
    parent = family.parents.get()
    lmp = family.pregnancies.get().lmp
    return row(
        nom=parent.last_name,
        prenom=parent.first_name,
        date_naissance=f"{parent.birth_date:%d/%m/%Y}",
        ddr=f"{lmp + timedelta(days=3):%d/%m/%Y}",
        **values,
    )


def test_two_rows_with_different_nirs_in_one_file_are_two_people(tmp_path, commune):
    result = run_command(
        write(tmp_path, [row(nir=nir()), row(nir=nir(OTHER_NIR), telephone="07 81 22 33 44")])
    )
    assert (result["created"], result["duplicates"]) == (2, 0)
    assert sorted(Parent.objects.values_list("nir", flat=True)) == sorted([nir(), nir(OTHER_NIR)])


def test_a_declaration_with_another_nir_than_the_known_woman_is_another_woman(tmp_path, family):
    known = family.parents.get()
    Parent.objects.filter(pk=known.pk).update(nir=nir())
    before = (known.phone, known.email)
    result = run_command(
        write(tmp_path, [_same_person_as(family, nir=nir(OTHER_NIR), telephone="07 81 22 33 44")])
    )
    assert (result["created"], result["updated"]) == (1, 0)
    known.refresh_from_db()
    assert (known.phone, known.email, known.nir) == (*before, nir())
    assert not PossibleDuplicate.objects.exists()


def test_a_name_match_without_nir_and_other_contact_details_is_a_possible_duplicate(
    tmp_path, family
):
    known = family.parents.get()
    before = (known.phone, known.email, known.nir)
    result = run_command(write(tmp_path, [_same_person_as(family, telephone="07 81 22 33 44")]))
    assert result["created"] == 1
    known.refresh_from_db()
    assert (known.phone, known.email, known.nir) == before  # nothing overwritten
    duplicate = PossibleDuplicate.objects.get()
    assert duplicate.existing == known and duplicate.status == DuplicateStatus.PENDING
    assert duplicate.candidate.phone == "+33781223344"
    # Re-importing the same file changes nothing and asks nothing more.
    again = run_command(write(tmp_path, [_same_person_as(family, telephone="07 81 22 33 44")]))
    assert (again["created"], again["updated"], again["duplicates"]) == (0, 0, 1)
    assert PossibleDuplicate.objects.count() == 1


def test_a_name_match_with_the_same_contact_details_is_still_the_same_person(tmp_path, family):
    known = family.parents.get()
    result = run_command(write(tmp_path, [_same_person_as(family, telephone=known.phone)]))
    assert result["created"] == 0
    assert not PossibleDuplicate.objects.exists()


@pytest.fixture
def duplicate(tmp_path, family):
    run_command(
        write(
            tmp_path,
            [_same_person_as(family, telephone="07 81 22 33 44", email="nouvelle@example.org")],
        )
    )
    return PossibleDuplicate.objects.get()


def test_the_coordination_lists_possible_duplicates_with_both_actions(
    login, coordinator, duplicate
):
    page = login(coordinator).get(reverse("outreach:duplicates")).content.decode()
    assert "Doublons possibles" in page
    assert reverse("outreach:duplicate_same", args=[duplicate.pk]) in page
    assert reverse("outreach:duplicate_different", args=[duplicate.pk]) in page
    assert "+33781223344" in page
    from millejours.audit.models import AccessLog

    logged = set(
        AccessLog.objects.filter(user=coordinator, page="outreach:duplicates").values_list(
            "family_id_ref", flat=True
        )
    )
    assert logged == {duplicate.existing.family_id, duplicate.candidate.family_id}


def test_same_person_merges_the_newcomer_into_the_known_file(login, coordinator, duplicate, family):
    known = duplicate.existing
    newcomer_family = duplicate.candidate.family_id
    OutreachContact.objects.filter(parent=duplicate.candidate).update(
        opted_out_at="2026-01-01T10:00Z", opt_out_channel="sms"
    )
    login(coordinator).post(reverse("outreach:duplicate_same", args=[duplicate.pk]))
    duplicate.refresh_from_db()
    assert duplicate.status == DuplicateStatus.MERGED and duplicate.decided_by == coordinator
    assert not Family.objects.filter(pk=newcomer_family).exists()
    known.refresh_from_db()
    assert (known.phone, known.email) == ("+33781223344", "nouvelle@example.org")
    contact = OutreachContact.objects.get(parent=known)
    assert (
        contact.phone == "+33781223344" and contact.opted_out_at is not None
    )  # a STOP survives the merge
    assert OutreachContact.objects.count() == 1


def test_different_people_keeps_both_files(login, coordinator, duplicate):
    login(coordinator).post(reverse("outreach:duplicate_different", args=[duplicate.pk]))
    duplicate.refresh_from_db()
    assert duplicate.status == DuplicateStatus.DISTINCT
    assert Family.objects.count() == 2
    assert (
        "Aucun doublon possible"
        in login(coordinator).get(reverse("outreach:duplicates")).content.decode()
    )


def test_a_decided_pair_is_never_decided_again(coordinator, duplicate):
    """Two coordinators on the same pair: the second decision, whichever, is refused."""
    from millejours.audit.models import AuditEvent
    from millejours.outreach.duplicates import MergeRefused, duplicate_dismiss, duplicate_merge

    duplicate_merge(duplicate=duplicate, user=coordinator)
    events = AuditEvent.objects.count()
    with pytest.raises(MergeRefused, match="déjà été traité"):
        duplicate_dismiss(duplicate=duplicate, user=coordinator)
    duplicate.refresh_from_db()
    assert duplicate.status == DuplicateStatus.MERGED
    assert AuditEvent.objects.count() == events


def test_a_newcomer_file_with_other_data_is_not_merged_automatically(login, coordinator, duplicate):
    from millejours.pathway.models import Parent, ParentRole

    Parent.objects.create(
        family=duplicate.candidate.family, role=ParentRole.FATHER, first_name="Paul", last_name="X"
    )
    messages_before = set(
        OutboundMessage.objects.values_list("pk", "contact_id")
    )  # planned by the import
    response = login(coordinator).post(
        reverse("outreach:duplicate_same", args=[duplicate.pk]), follow=True
    )
    assert "fusion à faire à la main" in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.status == DuplicateStatus.PENDING
    assert set(OutboundMessage.objects.values_list("pk", "contact_id")) == messages_before


def test_only_the_coordination_decides(login, sagefemme, duplicate):
    assert (
        login(sagefemme).post(reverse("outreach:duplicate_same", args=[duplicate.pk])).status_code
        == 403
    )
