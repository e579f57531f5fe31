"""``millejours backup`` / ``millejours restore``: one encrypted archive, database and files.

The archive is a tar stream encrypted by :mod:`millejours.maintenance.crypto` (format
described there). Members, in order::

    database.sqlite3 | database.pgdump   consistent snapshot of the database
    data/<path>                          files of MILLEJOURS_DATA_DIR (uploads, outbox
                                         file, access-log anchors…), without the SQLite
                                         database, collected static files and backups
    media/<path>                         MEDIA_ROOT when it lies outside the data directory
    extra/<SETTING>/<path>               other data directories named by a setting
    manifest.json                        format, version, engine, date, row count of
                                         every table at the snapshot, file list

The restore authenticates and unpacks the whole archive into a staging directory before
it writes anything, refuses a database that holds data or a file that already exists,
(a file already there with the same content is kept: the data directory of the backed-up
site may be reused), then restores the database (``pg_restore`` in one transaction, or
the SQLite file) and moves the files in place, and finally compares every table's row count with the manifest.
"""

from __future__ import annotations

import filecmp
import io
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from . import databases
from .crypto import MAGIC, DecryptingReader, EncryptingWriter
from .errors import MaintenanceError

FORMAT = "millejours-sauvegarde"
FORMAT_VERSION = 1
KEY_VARIABLE = "MILLEJOURS_BACKUP_KEY"
# Directories kept outside MILLEJOURS_DATA_DIR may be named by these settings.
EXTRA_DIR_SETTINGS = ("MILLEJOURS_ACCESSLOG_ANCHOR_DIR", "ACCESSLOG_ANCHOR_DIR")


def backup_key() -> str:
    key = os.environ.get(KEY_VARIABLE, "")
    if not key:
        raise MaintenanceError(
            f"la variable d'environnement {KEY_VARIABLE} (clé de chiffrement des sauvegardes) est vide."
        )
    return key


@dataclass(frozen=True)
class FileRoot:
    prefix: str  # name inside the archive
    path: Path


def _inside(path: Path, parent: Path) -> bool:
    return path == parent or parent in path.parents


def file_roots() -> list[FileRoot]:
    data_dir = Path(settings.DATA_DIR).resolve()
    roots = [FileRoot("data", data_dir)]
    media = Path(settings.MEDIA_ROOT).resolve()
    if not _inside(media, data_dir):
        roots.append(FileRoot("media", media))
    for name in EXTRA_DIR_SETTINGS:
        value = getattr(settings, name, None)
        if value and not any(_inside(Path(value).resolve(), r.path) for r in roots):
            roots.append(FileRoot(f"extra/{name}", Path(value).resolve()))
    return roots


def _excluded() -> list[Path]:
    excluded = [Path(settings.STATIC_ROOT).resolve()]
    if connection.vendor == "sqlite":
        db = Path(connection.settings_dict["NAME"]).resolve()
        excluded += [db, *(Path(f"{db}{s}") for s in ("-wal", "-shm", "-journal"))]
    return excluded


def _is_archive(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def iter_files(roots: list[FileRoot]):
    """(archive name, path) of every file to back up, in a stable order."""
    excluded = _excluded()
    for root in roots:
        if not root.path.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(root.path):
            base = Path(dirpath)
            dirnames[:] = sorted(
                d
                for d in dirnames
                if not d.startswith(".mj-restauration") and (base / d).resolve() not in excluded
            )
            for name in sorted(filenames):
                path = base / name
                if path.resolve() in excluded or not path.is_file() or _is_archive(path):
                    continue
                yield f"{root.prefix}/{path.relative_to(root.path).as_posix()}", path


def _snapshot(workdir: Path) -> tuple[Path, dict[str, int]]:
    """Database snapshot and the row counts of that very snapshot."""
    if connection.vendor == "postgresql":
        dump = workdir / "database.pgdump"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
            counts = databases.row_counts()
            databases.pg_snapshot(dump, snapshot_id=snapshot_id)
        return dump, counts
    dump = workdir / "database.sqlite3"
    databases.sqlite_snapshot(dump)
    return dump, databases.sqlite_row_counts(dump)


def create_backup(output: Path, *, key: str | None = None) -> dict:
    """Write the encrypted archive to ``output`` (atomically) and return its manifest."""
    key = key or backup_key()
    output = Path(output).resolve()
    if output.is_dir():
        raise MaintenanceError(f"{output} est un dossier : indiquez un nom de fichier.")
    if not output.parent.is_dir():
        raise MaintenanceError(f"le dossier {output.parent} n'existe pas.")
    partial = output.with_name(f".{output.name}.partiel")
    with tempfile.TemporaryDirectory(prefix="mj-sauvegarde-") as tmp:
        dump, counts = _snapshot(Path(tmp))
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "engine": connection.vendor,
            "database": dump.name,
            "row_counts": counts,
            "roots": [root.prefix for root in file_roots()],
            "files": [],
        }
        try:
            with (
                open(partial, "wb") as raw,
                EncryptingWriter(raw, key) as sink,
                tarfile.open(fileobj=sink, mode="w|") as tar,
            ):
                tar.add(dump, arcname=dump.name)
                for arcname, path in iter_files(file_roots()):
                    tar.add(path, arcname=arcname, recursive=False)
                    manifest["files"].append(arcname)
                _add_bytes(
                    tar,
                    "manifest.json",
                    json.dumps(manifest, ensure_ascii=False, indent=1).encode(),
                )
            os.replace(partial, output)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def manifest_summary(manifest: dict) -> str:
    """« N table(s), M fichier(s) »: what a backup holds, as the commands print it."""
    return f"{len(manifest['row_counts'])} table(s), {len(manifest['files'])} fichier(s)"


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


# --- Restore ------------------------------------------------------------------------------


def _unpack(archive: Path, key: str, staging: Path) -> dict:
    with open(archive, "rb") as raw:
        reader = DecryptingReader(raw, key)
        with tarfile.open(fileobj=reader, mode="r|") as tar:
            tar.extractall(staging, filter="data")
    manifest_path = staging / "manifest.json"
    if not manifest_path.is_file():
        raise MaintenanceError("sauvegarde incomplète : manifeste absent.")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise MaintenanceError("format de sauvegarde non pris en charge.")
    return manifest


def _check_empty_database() -> None:
    rows = databases.data_rows()
    if rows:
        found = ", ".join(f"{n} {label}" for label, n in rows.items())
        raise MaintenanceError(
            f"la base de données n'est pas vide ({found}) : la restauration se fait dans une base neuve "
            "(créez une base vide, ou videz celle-ci, puis relancez)."
        )


def _root_path(prefix: str) -> Path:
    if prefix == "data":
        return Path(settings.DATA_DIR).resolve()
    if prefix == "media":
        return Path(settings.MEDIA_ROOT).resolve()
    name = prefix.removeprefix("extra/")
    if not getattr(settings, name, None):
        raise MaintenanceError(
            f"la sauvegarde contient le dossier {name}, qui n'est pas configuré ici."
        )
    return Path(getattr(settings, name)).resolve()


def _targets(manifest: dict) -> list[tuple[str, Path]]:
    roots = {prefix: _root_path(prefix) for prefix in manifest["roots"]}
    targets = []
    for arcname in manifest["files"]:
        prefix = max((p for p in roots if arcname.startswith(p + "/")), key=len)
        targets.append((arcname, roots[prefix] / arcname[len(prefix) + 1 :]))
    return targets


def _new_files(staging: Path, targets: list[tuple[str, Path]]):
    """The files to write; a file already present with the same content is kept as is.

    A file present with another content would be overwritten: refused, nothing written.
    """
    new, different = [], []
    for arcname, target in targets:
        if not target.exists():
            new.append((arcname, target))
        elif not (target.is_file() and filecmp.cmp(staging / arcname, target, shallow=False)):
            different.append(str(target))
    if different:
        raise MaintenanceError(
            f"le dossier de données n'est pas vide : {len(different)} fichier(s) existent déjà avec un autre "
            f"contenu (par exemple {different[0]}) ; restaurez dans un dossier vide."
        )
    return new


def restore_backup(archive: Path, *, key: str | None = None) -> dict:
    """Restore ``archive`` into an empty database and data directory; return the manifest."""
    key = key or backup_key()
    archive = Path(archive)
    if not archive.is_file():
        raise MaintenanceError(f"fichier introuvable : {archive}.")
    _check_empty_database()
    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".mj-restauration-", dir=data_dir))
    try:
        manifest = _unpack(archive, key, staging)
        if manifest["engine"] != connection.vendor:
            raise MaintenanceError(
                f"sauvegarde d'une base {manifest['engine']}, base de destination {connection.vendor} : "
                "restaurez sur le même moteur."
            )
        targets = _new_files(staging, _targets(manifest))
        databases.restore(staging / manifest["database"])
        for arcname, target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(staging / arcname, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    counts = databases.row_counts()
    different = sorted(t for t, n in manifest["row_counts"].items() if counts.get(t) != n)
    if different:
        raise MaintenanceError(
            f"restauration incomplète : nombre de lignes différent pour {', '.join(different)}."
        )
    return manifest
