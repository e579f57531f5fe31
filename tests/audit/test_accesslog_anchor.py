"""Truncation of the access log is detected: keyed links, a signed head, anchors outside the DB.

Attacks of issue 11 item 3: deleting the last entries and rewriting the head row, or
deleting the whole log, used to pass ``accesslog verify``.
"""

import io
import json
import stat

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from millejours.audit.anchors import anchor_access_log, load_anchors
from millejours.audit.chain import (
    AccessLogTampered,
    accesslog_keys,
    key_id_of,
    sign_head,
    verify_chain,
)
from millejours.audit.models import AccessLog, AccessLogHead
from millejours.audit.services import record_access
from millejours.pathway.selectors import get_family_for_user

pytestmark = pytest.mark.django_db
KEY_A, KEY_B = "a" * 40, "b" * 40


def read(family, user, n=1):
    for i in range(n):
        get_family_for_user(user, family.pk, page="pathway:family_detail", path=f"/familles/{i}/")


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("accesslog", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    except CommandError as exc:
        code, err = exc.returncode, io.StringIO(str(exc))
    return code, out.getvalue(), err.getvalue()


def truncate_and_rewrite_head(keep: int, *, resign: bool = False):
    """What an attacker with write access to the database does to hide the last reads."""
    rows = list(AccessLog.objects.order_by("id"))
    AccessLog.objects.filter(pk__in=[r.pk for r in rows[keep:]]).delete()
    head = AccessLogHead.objects.get(pk=1)
    head.last_id, head.last_hash, head.count = rows[keep - 1].pk, rows[keep - 1].entry_hash, keep
    if resign:  # an insider who also holds the key
        sign_head(head)
    head.save()


@pytest.fixture
def six_reads(family, sagefemme):
    read(family, sagefemme, 6)
    return list(AccessLog.objects.order_by("id"))


def test_deleting_the_tail_and_rewriting_the_head_row_is_detected(six_reads):
    truncate_and_rewrite_head(3)
    code, _, err = run("verify")
    assert code == 1
    assert "tête du journal a été modifiée" in err


def test_an_anchor_catches_a_truncation_even_with_a_re_signed_head(six_reads):
    anchor_access_log()
    truncate_and_rewrite_head(3, resign=True)
    code, _, err = run("verify")
    assert code == 1
    assert f"n° {six_reads[-1].pk} " in err
    assert "en retard sur l'ancre" in err and "6 entrée(s) ancrée(s), 3 trouvée(s)" in err


def test_deleting_the_whole_log_after_an_anchor_is_detected(six_reads):
    run("anchor")
    AccessLog.objects.all().delete()
    AccessLogHead.objects.all().delete()
    code, _, err = run("verify")
    assert code == 1
    assert "journal vidé" in err


def test_a_fresh_chain_started_after_deleting_the_log_is_still_behind_the_anchor(
    six_reads, family, sagefemme
):
    run("anchor")
    AccessLog.objects.all().delete()
    AccessLogHead.objects.all().delete()
    read(family, sagefemme, 7)  # a new, valid chain longer than the anchored one
    code, _, err = run("verify")
    assert code == 1
    assert f"n° {six_reads[-1].pk} " in err and "absente" in err


def test_a_page_read_never_rebuilds_a_deleted_head(six_reads, family, sagefemme):
    AccessLog.objects.filter(pk=six_reads[-1].pk).delete()
    AccessLogHead.objects.all().delete()
    with pytest.raises(AccessLogTampered):
        record_access(user=sagefemme, family=family, page="pathway:family_detail")
    assert not AccessLogHead.objects.exists()
    assert run("verify")[0] == 1


def test_a_page_read_refuses_a_forged_head(six_reads, family, sagefemme):
    AccessLogHead.objects.filter(pk=1).update(count=2)
    with pytest.raises(AccessLogTampered):
        record_access(user=sagefemme, family=family, page="pathway:family_detail")
    assert AccessLog.objects.count() == 6


def test_a_link_recomputed_without_the_key_is_detected(six_reads):
    import hashlib

    from millejours.audit.chain import canonical_content

    last = six_reads[-1]
    last.actor_label = "Quelqu'un d'autre"
    last.entry_hash = hashlib.sha256(
        (last.prev_hash + canonical_content(last)).encode()
    ).hexdigest()
    last.save()
    report = verify_chain()
    assert (report.ok, report.broken_id) == (False, last.pk)


def test_rotation_keeps_old_entries_verifiable_and_removing_their_key_is_detected(
    settings, family, sagefemme
):
    settings.MILLEJOURS_ACCESSLOG_KEYS = [KEY_A]
    read(family, sagefemme, 2)
    settings.MILLEJOURS_ACCESSLOG_KEYS = [KEY_B, KEY_A]
    read(family, sagefemme, 2)
    key_ids = list(AccessLog.objects.order_by("id").values_list("key_id", flat=True))
    assert key_ids == [key_id_of(KEY_A)] * 2 + [key_id_of(KEY_B)] * 2
    assert run("verify")[0] == 0
    settings.MILLEJOURS_ACCESSLOG_KEYS = [KEY_B]
    code, _, err = run("verify")
    assert code == 1 and "clé inconnue" in err


def test_anchor_files_are_new_read_only_files_and_verify_checks_every_one(
    settings, six_reads, family, sagefemme
):
    code, out, _ = run("anchor")
    assert code == 0 and "Ancre enregistrée : 6 entrée(s)" in out
    read(family, sagefemme, 1)
    run("anchor")
    files = sorted(settings.MILLEJOURS_ACCESSLOG_ANCHOR_DIR.glob("ancre-*.json"))
    assert len(files) == 2
    assert not files[0].stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    document = json.loads(files[0].read_text())
    assert {"at", "count", "last_id", "last_hash", "key_id", "mac"} <= set(document)
    assert document["count"] == 6
    assert [a.count for a in load_anchors()] == [6, 7]
    code, out, _ = run("verify")
    assert code == 0 and "Conforme à 2 ancre(s)" in out


def test_a_forged_anchor_file_fails_verification(settings, six_reads):
    run("anchor")
    path = next(settings.MILLEJOURS_ACCESSLOG_ANCHOR_DIR.glob("ancre-*.json"))
    document = json.loads(path.read_text())
    path.chmod(0o600)
    path.write_text(json.dumps({**document, "count": 2}))
    code, _, err = run("verify")
    assert code == 1 and "signature valide" in err


def test_anchor_refuses_a_broken_log_and_writes_nothing(settings, six_reads):
    AccessLog.objects.filter(pk=six_reads[2].pk).update(page="autre")
    code, _, err = run("anchor")
    assert code == 1 and "pas intact" in err
    assert not list(settings.MILLEJOURS_ACCESSLOG_ANCHOR_DIR.glob("ancre-*.json"))


def test_the_scheduler_can_anchor_through_call_command(settings, six_reads):
    call_command("accesslog", "anchor", stdout=io.StringIO())
    assert len(load_anchors()) == 1


def test_an_anchor_e_mailed_to_the_dpo_can_be_checked_with_verify_anchor(
    settings, six_reads, tmp_path
):
    settings.MILLEJOURS_ACCESSLOG_ANCHOR_STORES = ["email"]
    settings.MILLEJOURS_DPO_EMAILS = ["dpo@test.millejours.fr"]
    assert run("anchor")[0] == 0
    assert mail.outbox[-1].to == ["dpo@test.millejours.fr"]
    body = mail.outbox[-1].body
    received = tmp_path / "ancre-recue.json"
    received.write_text(body[body.index("{") :])
    truncate_and_rewrite_head(4, resign=True)
    assert run("verify")[0] == 0  # no file store: only the e-mailed anchor knows
    code, _, err = run("verify", "--anchor", str(received))
    assert code == 1 and "en retard sur l'ancre" in err


def test_e_mail_anchors_without_a_dpo_address_are_a_configuration_error(settings, db):
    settings.MILLEJOURS_ACCESSLOG_ANCHOR_STORES = ["email"]
    settings.MILLEJOURS_DPO_EMAILS = []
    code, _, err = run("anchor")
    assert code == 2 and "MILLEJOURS_DPO_EMAILS" in err


def test_without_keys_outside_demo_and_tests_nothing_can_be_signed(settings):
    settings.MILLEJOURS_ACCESSLOG_KEYS = []
    settings.TESTING = False
    settings.DEMO_MODE = False
    with pytest.raises(ImproperlyConfigured, match="MILLEJOURS_ACCESSLOG_KEYS"):
        accesslog_keys()


def test_an_unreadable_anchor_file_of_the_store_fails_verification(settings, six_reads):
    run("anchor")
    path = next(settings.MILLEJOURS_ACCESSLOG_ANCHOR_DIR.glob("ancre-*.json"))
    path.chmod(0o600)
    path.write_text("effacé")
    code, _, err = run("verify")
    assert code == 1 and "illisible" in err


def test_a_missing_anchor_file_given_on_the_command_line_exits_2(six_reads, tmp_path):
    code, _, err = run("verify", "--anchor", str(tmp_path / "absente.json"))
    assert code == 2 and "illisible" in err


def test_entries_written_while_verify_walks_are_not_taken_for_a_truncation(
    monkeypatch, six_reads, family, sagefemme
):
    from millejours.audit import chain

    feed = chain._Walk.feed
    calls = []

    def feed_then_a_page_read(self, rows):
        report = feed(self, rows)
        if not calls:  # the main walk is over: a professional opens a record meanwhile
            calls.append(True)
            record_access(user=sagefemme, family=family, page="pathway:family_detail")
        return report

    monkeypatch.setattr(chain._Walk, "feed", feed_then_a_page_read)
    report = verify_chain()
    assert report.ok, report.message
    assert report.checked == 7
