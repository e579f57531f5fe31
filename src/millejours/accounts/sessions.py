"""Database sessions read with one short statement (``SESSION_ENGINE``).

Every logged-in request reads its session first. Django's database store does it with
``Session.objects.get(session_key=…, expire_date__gt=now)``: ≈ 0.3 ms of ORM work per
request to build a statement that never changes (docs/performance.md, issue 12, third
pass). This store reads the same row with the same conditions (unknown or expired key:
no session, as in Django) and leaves everything else (writes, keys, expiry) to Django's.
"""

from __future__ import annotations

from functools import lru_cache

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.db.models import Field
from django.utils import timezone


@lru_cache(maxsize=4)
def _select(alias: str) -> str:
    quote = connections[alias].ops.quote_name

    def column(name: str) -> str:
        field = Session._meta.get_field(name)
        assert isinstance(field, Field)
        return quote(str(field.column))

    return (
        f"SELECT {column('session_data')} FROM {quote(Session._meta.db_table)}"
        f" WHERE {column('session_key')} = %s AND {column('expire_date')} > %s"
    )


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        key = self.session_key
        if not key:
            self._session_key = None
            return None
        alias = router.db_for_read(Session)
        connection = connections[alias]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_select(alias), [key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return Session(session_key=key, session_data=row[0])
