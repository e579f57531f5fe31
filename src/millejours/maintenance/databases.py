"""Database side of backups: consistent snapshot, emptiness check, restore (SQLite, PostgreSQL).

SQLite: the online backup API (``sqlite3.Connection.backup``) copies a consistent image
while the server keeps running; the restore copies that file in place.

PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot: a repeatable-read
transaction) and ``pg_restore --single-transaction`` (all or nothing). The client tools
must be of the server's major version or newer: they are looked up in
``MILLEJOURS_PG_BIN`` (a directory), then ``/usr/lib/postgresql/<major>/bin`` (Debian),
then ``PATH``, and the first whose major version is the server's (else newer) is used.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection

from .errors import MaintenanceError


def vendor() -> str:
    return connection.vendor


def table_names() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def row_counts() -> dict[str, int]:
    """Every table's row count (what a restore must give back)."""
    counts = {}
    with connection.cursor() as cursor:
        for name in table_names():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def data_rows() -> dict[str, int]:
    """Rows that make a database "not empty": accounts, families, access log."""
    present = set(table_names())
    counts = {}
    with connection.cursor() as cursor:
        for table, label in (
            ("accounts_user", "compte(s)"),
            ("pathway_family", "famille(s)"),
            ("trust_accesslog", "accès journalisé(s)"),
        ):
            if table in present:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")
                if n := cursor.fetchone()[0]:
                    counts[label] = n
    return counts


# --- SQLite ---------------------------------------------------------------------------------


def _sqlite_path() -> Path:
    return Path(connection.settings_dict["NAME"])


def sqlite_snapshot(dest: Path) -> None:
    source = sqlite3.connect(_sqlite_path())
    target = sqlite3.connect(dest)
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()


def sqlite_row_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            for name in sorted(names)
        }
    finally:
        db.close()


def sqlite_restore(snapshot: Path) -> None:
    path = _sqlite_path()
    connection.close()
    staged = path.with_name(path.name + ".restauration")
    shutil.copyfile(snapshot, staged)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(staged, path)


# --- PostgreSQL -----------------------------------------------------------------------------


def _pg_env() -> dict[str, str]:
    s = connection.settings_dict
    env = dict(os.environ)
    for var, value in (
        ("PGHOST", s.get("HOST")),
        ("PGPORT", s.get("PORT")),
        ("PGUSER", s.get("USER")),
        ("PGPASSWORD", s.get("PASSWORD")),
        ("PGDATABASE", s.get("NAME")),
        ("PGSSLMODE", (s.get("OPTIONS") or {}).get("sslmode")),
    ):
        if value:
            env[var] = str(value)
    return env


def _server_major() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def _tool_major(path: str) -> int | None:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20).stdout
    except OSError:
        return None
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(match.group(1)) if match else None


def pg_tool(name: str) -> str:
    """Path of ``pg_dump``/``pg_restore`` matching the server's major version."""
    major = _server_major()
    candidates = []
    if custom := os.environ.get("MILLEJOURS_PG_BIN"):
        candidates.append(str(Path(custom) / name))
    candidates.append(f"/usr/lib/postgresql/{major}/bin/{name}")
    candidates += sorted(
        (str(p / name) for p in Path("/usr/lib/postgresql").glob("*/bin")), reverse=True
    )
    if found := shutil.which(name):
        candidates.append(found)
    newer = None
    for candidate in dict.fromkeys(candidates):
        if not os.access(candidate, os.X_OK):
            continue
        tool_major = _tool_major(candidate)
        if tool_major == major:
            return candidate
        if tool_major and tool_major > major and newer is None:
            newer = candidate
    if newer:
        return newer
    raise MaintenanceError(
        f"{name} {major} introuvable : installez postgresql-client-{major} "
        "ou indiquez son dossier dans MILLEJOURS_PG_BIN."
    )


def _run(args: list[str], what: str) -> None:
    result = subprocess.run(args, env=_pg_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise MaintenanceError(f"{what} a échoué : {result.stderr.strip()[-2000:]}")


def pg_snapshot(dest: Path, *, snapshot_id: str | None = None) -> None:
    """``pg_dump`` in custom format; ``snapshot_id`` (``pg_export_snapshot()``) pins its view."""
    args = [pg_tool("pg_dump"), "--format=custom", f"--file={dest}"]
    if snapshot_id:
        args.append(f"--snapshot={snapshot_id}")
    _run(args, "pg_dump")


def pg_restore(dump: Path) -> None:
    """Drop the (empty) tables a ``migrate`` may have created, then restore in one transaction."""
    tool = pg_tool("pg_restore")
    with connection.cursor() as cursor:
        for name in table_names():
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(name)} CASCADE")
    connection.close()
    s = connection.settings_dict
    _run(
        [
            tool,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={s['NAME']}",
            str(dump),
        ],
        "pg_restore",
    )


def restore(dump: Path) -> None:
    (pg_restore if vendor() == "postgresql" else sqlite_restore)(dump)
