"""Bulk insert through PostgreSQL ``COPY`` (ids pre-allocated from the sequence).

``insert(model, objs)`` sets ``obj.pk`` on every object, like ``bulk_create`` does on
PostgreSQL, and falls back to ``bulk_create`` on other databases. It must be called inside
the caller's transaction (the import is one transaction). Model ``save()`` is not called
and no signal is sent (as with ``bulk_create``); ``auto_now_add`` fields are filled.
"""

from __future__ import annotations

from django.db import connection


def insert(model, objs: list, *, batch_size: int = 2000) -> list:
    if not objs:
        return objs
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objs, batch_size=batch_size)
    table = model._meta.db_table
    pk = model._meta.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk.column, len(objs)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        for obj, new_id in zip(objs, ids, strict=True):
            obj.pk = new_id
            obj._state.adding = False
            obj._state.db = connection.alias
        fields = list(model._meta.concrete_fields)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        raw = cursor.cursor  # the psycopg cursor
        with raw.copy(f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row(
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                )
    return objs
