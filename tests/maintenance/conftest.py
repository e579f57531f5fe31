"""End-to-end helpers: run ``millejours`` in a subprocess against a database of its own.

The database engine is the one of the test run: a fresh SQLite file in a temporary data
directory, or (when the suite runs on PostgreSQL) a fresh database created on the same
server and dropped afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

KEY = "cle-de-sauvegarde-des-tests-0123456789"
# The subprocesses run as in production (no test or demo mode), so they get real secrets; the
# backed-up site and the restored one share them, as a restore on a new VM would.
PRODUCTION_SECRETS = {
    "SECRET_KEY": "cle-secrete-des-tests-de-sauvegarde-0123456789abcdef",
    "MILLEJOURS_FIELD_KEYS": "bdm4F5Zf58-jY4vVkCrYUETrh1F-Gpu4bLViDiXulgs=",
    "MILLEJOURS_ACCESSLOG_KEYS": "cle-du-journal-des-tests-de-sauvegarde-0123456789",
}


def _pg_admin(dbname: str, sql: str) -> None:
    import psycopg

    s = settings.DATABASES["default"]
    with psycopg.connect(
        host=s["HOST"],
        port=s["PORT"] or 5432,
        user=s["USER"],
        password=s["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(sql.format(name=dbname))


class Site:
    """A database and a data directory, driven through the ``millejours`` command."""

    def __init__(self, tmp: Path, name: str):
        self.data_dir = tmp / name
        self.data_dir.mkdir()
        self.env = {
            **os.environ,
            "MILLEJOURS_DATA_DIR": str(self.data_dir),
            "MILLEJOURS_BACKUP_KEY": KEY,
            **PRODUCTION_SECRETS,
        }
        self.env.pop("MILLEJOURS_TESTING", None)
        self.pg_name = None
        if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
            s = settings.DATABASES["default"]
            self.pg_name = f"mj_test_{name}_{uuid.uuid4().hex[:8]}"
            _pg_admin(self.pg_name, 'CREATE DATABASE "{name}"')
            auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
            self.env["DATABASE_URL"] = (
                f"postgres://{auth}@{s['HOST']}:{s['PORT'] or 5432}/{self.pg_name}"
            )
        else:
            self.env.pop("DATABASE_URL", None)

    def run(self, *args: str, key: str | None = None) -> subprocess.CompletedProcess:
        env = dict(self.env)
        if key is not None:
            env["MILLEJOURS_BACKUP_KEY"] = key
        if args[:2] == ("demo", "load"):  # demo accounts only exist in demo mode
            env["MILLEJOURS_DEMO"] = "1"
        return subprocess.run(
            [sys.executable, "-m", "millejours", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def ok(self, *args: str) -> str:
        result = self.run(*args)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def python(self, code: str) -> str:
        return self.ok("shell", "-c", code)

    def row_counts(self) -> dict[str, int]:
        out = self.python(
            "import json; from millejours.maintenance.databases import row_counts; print(json.dumps(row_counts()))"
        )
        return json.loads(out.strip().splitlines()[-1])

    def drop(self) -> None:
        if self.pg_name:
            _pg_admin(self.pg_name, 'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def make_site(tmp_path_factory):
    sites = []

    def make(name: str) -> Site:
        site = Site(tmp_path_factory.mktemp(name), name)
        sites.append(site)
        return site

    yield make
    for site in sites:
        site.drop()
