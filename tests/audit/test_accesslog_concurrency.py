"""Concurrent readers never fork the chain.

PostgreSQL: a transaction-level advisory lock serialises the writers (proved with threads).
SQLite: every transaction starts with BEGIN IMMEDIATE, which takes the write lock first
(the in-memory test database cannot host concurrent writers, so the setting is checked).
"""

import threading

import pytest
from django.conf import settings
from django.db import connection, connections

from millejours.audit.chain import verify_chain
from millejours.audit.models import AccessLog
from millejours.audit.services import record_access

THREADS, WRITES = 8, 10


def _parallel_writes(family, user) -> list[Exception]:
    errors = []
    barrier = threading.Barrier(THREADS)

    def writer():
        try:
            barrier.wait()
            for _ in range(WRITES):
                record_access(user=user, family=family, page="pathway:family_detail")
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=writer) for _ in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_parallel_writers_keep_one_linear_chain(family, sagefemme):
    if connection.vendor == "postgresql":
        assert _parallel_writes(family, sagefemme) == []
        total = THREADS * WRITES
    else:
        assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        for _ in range(WRITES):
            record_access(user=sagefemme, family=family, page="pathway:family_detail")
        total = WRITES
    assert AccessLog.objects.count() == total
    assert AccessLog.objects.values("prev_hash").distinct().count() == total
    assert verify_chain().ok
