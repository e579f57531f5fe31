"""Key the access-log chain (HMAC) and sign its head.

Legacy rows were chained with a plain SHA-256 that anybody could recompute. This migration
first verifies that legacy chain (and its head) and stops, with a French message, if it
was already broken (restore a backup, or investigate with the previous version's
``accesslog verify``); otherwise it re-chains every row, in id order, with the current
signing key of ``MILLEJOURS_ACCESSLOG_KEYS`` (``audit.chain``), records the key id on each
row and signs the head. After it, legacy rows verify like new ones. Reversing restores the
plain SHA-256 chain.
"""

import hashlib

from django.db import connection, migrations, models

BATCH = 2000


def _legacy_hash(prev_hash, row):
    from millejours.audit.chain import canonical_content

    return hashlib.sha256((prev_hash + canonical_content(row)).encode()).hexdigest()


def _keyed_hash(prev_hash, row):
    from millejours.audit.chain import link_hash, signing_key

    return link_hash(signing_key()[1], prev_hash, row)


def _rechain(apps, *, check, new_hash, key_id):
    AccessLog = apps.get_model("trust", "AccessLog")
    AccessLogHead = apps.get_model("trust", "AccessLogHead")
    fields = ["id", "at", "user_id", "actor_label", "actor_profession", "actor_organisation",
              "family_id_ref", "page", "path", "break_glass", "prev_hash", "entry_hash", "key_id"]
    table = connection.ops.quote_name(AccessLog._meta.db_table)
    update_sql = f"UPDATE {table} SET prev_hash = %s, entry_hash = %s, key_id = %s WHERE id = %s"
    old_prev = new_prev = "0" * 64
    last_id = count = 0
    while True:
        rows = list(AccessLog.objects.filter(id__gt=last_id).order_by("id").values(*fields)[:BATCH])
        if not rows:
            break
        updates = []
        for row in rows:
            if row["prev_hash"] != old_prev or check(row["prev_hash"], row) != row["entry_hash"]:
                raise RuntimeError(
                    f"Journal des accès déjà altéré avant la migration (entrée n° {row['id']}) : migration"
                    " interrompue. Restaurez une sauvegarde intacte avant de migrer."
                )
            old_prev = row["entry_hash"]
            entry_hash = new_hash(new_prev, row)
            updates.append((new_prev, entry_hash, key_id, row["id"]))
            new_prev, last_id, count = entry_hash, row["id"], count + 1
        with connection.cursor() as cursor:  # executemany: bulk_update's CASE is quadratic here
            cursor.executemany(update_sql, updates)
    head = AccessLogHead.objects.filter(pk=1).first()
    if head is not None and (head.last_hash, head.count) != (old_prev, count):
        raise RuntimeError(
            "La tête du journal des accès ne correspond pas à sa dernière entrée (entrées supprimées) :"
            " migration interrompue. Restaurez une sauvegarde intacte avant de migrer."
        )
    return head, last_id, new_prev, count


def forwards(apps, schema_editor):
    from millejours.audit.chain import _mac, head_message, signing_key

    key_id, key = signing_key() if apps.get_model("trust", "AccessLog").objects.exists() else ("", b"")
    if not key_id:
        return  # empty log: record_access creates the signed head with the first entry
    head, last_id, last_hash, count = _rechain(apps, check=_legacy_hash, new_hash=_keyed_hash, key_id=key_id)
    AccessLogHead = apps.get_model("trust", "AccessLogHead")
    AccessLogHead.objects.update_or_create(pk=1, defaults={
        "last_id": last_id, "last_hash": last_hash, "count": count, "key_id": key_id,
        "mac": _mac(key, head_message(last_id, last_hash, count)),
    })


def backwards(apps, schema_editor):
    from millejours.audit.chain import compute_hash

    head, last_id, last_hash, count = _rechain(apps, check=compute_hash, new_hash=_legacy_hash, key_id="")
    if head is not None:
        apps.get_model("trust", "AccessLogHead").objects.filter(pk=1).update(last_id=last_id, last_hash=last_hash)


class Migration(migrations.Migration):

    dependencies = [
        ('trust', '0003_accessloghead_erasurerecord_breakglassaccess_consent'),
    ]

    operations = [
        migrations.AddField(
            model_name='accesslog',
            name='key_id',
            field=models.CharField(default='', max_length=16, verbose_name='clé'),
        ),
        migrations.AddField(
            model_name='accessloghead',
            name='key_id',
            field=models.CharField(default='', max_length=16),
        ),
        migrations.AddField(
            model_name='accessloghead',
            name='mac',
            field=models.CharField(default='', max_length=64),
        ),
        migrations.RunPython(forwards, backwards),
    ]
