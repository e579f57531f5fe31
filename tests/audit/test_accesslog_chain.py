"""The access log is hash-chained: editing, deleting or inserting a row is detected."""

import io

import pytest
from django.core.management import call_command

from millejours.audit.chain import GENESIS_HASH, compute_hash, verify_chain
from millejours.audit.models import AccessLog
from millejours.pathway.selectors import get_family_for_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_reads(family, sagefemme):
    for n in range(5):
        get_family_for_user(
            sagefemme, family.pk, page="pathway:family_detail", path=f"/familles/{n}/"
        )
    return list(AccessLog.objects.order_by("id"))


def run_verify():
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("accesslog", "verify", stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_entries_are_chained_from_the_genesis_hash(five_reads):
    assert five_reads[0].prev_hash == GENESIS_HASH
    for previous, entry in zip(five_reads, five_reads[1:], strict=False):
        assert entry.prev_hash == previous.entry_hash
        assert entry.entry_hash == compute_hash(entry.prev_hash, entry)


def test_intact_chain_exits_0(five_reads):
    code, out, _ = run_verify()
    assert code == 0
    assert "intact : 5 entrée(s)" in out


def test_empty_log_is_intact(db):
    assert run_verify()[0] == 0


def test_edited_row_is_detected_and_named(five_reads):
    victim = five_reads[2]
    AccessLog.objects.filter(pk=victim.pk).update(actor_label="Quelqu'un d'autre")
    code, _, err = run_verify()
    assert code == 1
    assert f"n° {victim.pk} " in err
    assert "modifié" in err


def test_deleted_row_is_detected_at_the_next_entry(five_reads):
    AccessLog.objects.filter(pk=five_reads[1].pk).delete()
    code, _, err = run_verify()
    assert code == 1
    assert f"n° {five_reads[2].pk} " in err
    assert "supprimée ou insérée" in err


def test_deleting_the_last_rows_is_detected(five_reads):
    AccessLog.objects.filter(pk__in=[five_reads[3].pk, five_reads[4].pk]).delete()
    report = verify_chain()
    assert not report.ok
    assert report.broken_id == five_reads[4].pk
    assert "dernières entrées" in report.problem


def test_inserted_row_is_detected(five_reads, family, sagefemme):
    first = five_reads[0]
    forged = AccessLog(
        at=first.at,
        user=sagefemme,
        actor_label="Faux",
        family_id_ref=family.pk,
        page="x",
        prev_hash=first.entry_hash,
    )
    forged.entry_hash = compute_hash(first.entry_hash, forged)
    forged.save()  # appended with a valid-looking hash, but outside record_access
    report = verify_chain()
    assert not report.ok
    assert report.broken_id == forged.pk


def test_row_appended_with_a_correct_hash_but_without_the_head_is_detected(
    five_reads, family, sagefemme
):
    last = five_reads[-1]
    forged = AccessLog(
        at=last.at,
        user=sagefemme,
        actor_label="Faux",
        family_id_ref=family.pk,
        page="x",
        prev_hash=last.entry_hash,
    )
    forged.entry_hash = compute_hash(last.entry_hash, forged)
    forged.save()
    report = verify_chain()
    assert (report.ok, report.broken_id) == (False, forged.pk)


def test_verification_streams_in_chunks(five_reads):
    assert verify_chain(chunk_size=2).checked == 5


def test_invalid_arguments_exit_2(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as exc:
        call_command("accesslog", "verify", "--chunk-size", "beaucoup")
    assert exc.value.returncode == 2
