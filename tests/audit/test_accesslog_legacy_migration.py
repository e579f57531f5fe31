"""Migration trust.0004: legacy rows (plain SHA-256 chain) are re-chained with the key."""

import hashlib
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from millejours.audit.chain import GENESIS_HASH, canonical_content, verify_chain
from millejours.audit.models import AccessLog, AccessLogHead

pytestmark = pytest.mark.django_db
migration = importlib.import_module("millejours.audit.migrations.0004_log_keyed_chain")


def legacy_log(family, user, n=4):
    """Rows as the previous version wrote them: SHA-256 links, no key id, unsigned head."""
    prev = GENESIS_HASH
    for i in range(n):
        entry = AccessLog(
            at=timezone.now(),
            user=user,
            actor_label="Sophie Martin",
            family_id_ref=family.pk,
            page="pathway:family_detail",
            path=f"/familles/{i}/",
            prev_hash=prev,
            key_id="",
        )
        entry.entry_hash = hashlib.sha256((prev + canonical_content(entry)).encode()).hexdigest()
        entry.save()
        prev = entry.entry_hash
    AccessLogHead.objects.create(pk=1, last_id=entry.pk, last_hash=prev, count=n)


def test_legacy_rows_do_not_verify_until_re_chained_then_they_do(family, sagefemme):
    legacy_log(family, sagefemme)
    assert not verify_chain().ok
    migration.forwards(apps, None)
    report = verify_chain()
    assert report.ok and report.checked == 4
    assert set(AccessLog.objects.values_list("key_id", flat=True)) != {""}


def test_a_legacy_log_already_broken_stops_the_migration(family, sagefemme):
    legacy_log(family, sagefemme)
    AccessLog.objects.filter(pk=AccessLog.objects.order_by("id")[1].pk).update(page="autre")
    with pytest.raises(RuntimeError, match="déjà altéré"):
        migration.forwards(apps, None)


def test_a_legacy_log_with_its_tail_deleted_stops_the_migration(family, sagefemme):
    legacy_log(family, sagefemme)
    AccessLog.objects.order_by("-id").first().delete()
    with pytest.raises(RuntimeError, match="tête du journal"):
        migration.forwards(apps, None)


def test_reversing_restores_the_legacy_chain(family, sagefemme):
    legacy_log(family, sagefemme)
    before = list(AccessLog.objects.order_by("id").values_list("entry_hash", flat=True))
    migration.forwards(apps, None)
    migration.backwards(apps, None)
    assert list(AccessLog.objects.order_by("id").values_list("entry_hash", flat=True)) == before
