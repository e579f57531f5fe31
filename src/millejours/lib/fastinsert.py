"""Bulk insert through PostgreSQL ``COPY`` (ids pre-allocated from the sequence), bulk update.

``insert(model, objs)`` sets ``obj.pk`` on every object, like ``bulk_create`` does on
PostgreSQL, and falls back to ``bulk_create`` on other databases. It must be called inside
the caller's transaction (the import is one transaction). Model ``save()`` is not called
and no signal is sent (as with ``bulk_create``); ``auto_now_add`` fields are filled.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, TypeVar

from django.db import connection, models

M = TypeVar("M", bound=models.Model)


def insert(model: type[M], objs: list[M], *, batch_size: int = 2000) -> list[M]:
    if not objs:
        return objs
    if connection.vendor != "postgresql":
        return model._default_manager.bulk_create(objs, batch_size=batch_size)
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
        columns = ", ".join(connection.ops.quote_name(f.column or f.name) for f in fields)
        raw = cursor.cursor  # the psycopg cursor
        with raw.copy(f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row(
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                )
    return objs


def bulk_update(
    model: type[models.Model], updates: dict[int, dict[str, Any]], *, batch_size: int = 2000
) -> None:
    """Apply ``{pk: {field: value}}`` with one ``bulk_update`` per set of changed fields."""
    if not updates:
        return
    by_fields: dict[tuple[str, ...], list[models.Model]] = defaultdict(list)
    for pk, changes in updates.items():
        obj = model(pk=pk)
        for name, value in changes.items():
            setattr(obj, name, value)
        by_fields[tuple(sorted(changes))].append(obj)
    for names, objs in by_fields.items():
        model._default_manager.bulk_update(objs, list(names), batch_size=batch_size)
