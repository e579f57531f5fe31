"""Declaration files at rest: encrypted, erased with a person's data, purged after retention.

A declarations file (CPAM, CAF…) lists many people with their NIR: it is stored encrypted
with the field-encryption keys (``MILLEJOURS_FIELD_KEYS``, Fernet via ``audit.fields``),
under a random name, and decrypted in memory for the preview, the import and the
rejected-rows download.

- ``store_batch_file(batch, data)`` / ``batch_file_bytes(batch)``;
- ``purge_declaration_files(before) -> int``: erase the files of the batches created
  before ``before`` (the retention command calls it); the batch keeps its counts;
- ``erase_files_of_people(people, reason) -> int``: on an erasure request, every stored
  file that lists one of these people is erased. A file mixes many people and cannot be
  rewritten safely (CSV or XLSX as the sender made it), so the WHOLE file is erased: the
  imported data lives in the database anyway; only the download of the rejected rows of
  that batch is lost (the page says so).
"""

from __future__ import annotations

import secrets
from datetime import datetime

from cryptography.fernet import InvalidToken
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from millejours.audit.fields import cipher

from . import validation as v
from .import_reading import FileUnreadable, read_table, row_as_dict
from .models import ImportBatch, ImportStatus

MAGIC = b"MJENC1\n"


class FileErased(Exception):
    """The file of this batch was erased (French message)."""


def store_batch_file(batch: ImportBatch, data: bytes) -> None:
    batch.file.save(
        f"{secrets.token_hex(16)}.enc", ContentFile(MAGIC + cipher().encrypt(data)), save=False
    )


def batch_file_bytes(batch: ImportBatch) -> bytes:
    """The file as uploaded (decrypted in memory)."""
    if not batch.file:
        raise FileErased(
            f"Le fichier de cet import a été effacé le {timezone.localtime(batch.file_erased_at):%d/%m/%Y} "
            f"({batch.file_erased_reason or 'effacement'})."
            if batch.file_erased_at
            else "Le fichier de cet import est absent."
        )
    with batch.file.open("rb") as handle:
        raw = handle.read()
    if not raw.startswith(MAGIC):
        return raw  # stored before encryption at rest; the retention purge removes these
    try:
        return cipher().decrypt(raw[len(MAGIC) :])
    except InvalidToken:
        raise FileErased(
            "Le fichier de cet import ne peut pas être déchiffré : sa clé n'est plus dans MILLEJOURS_FIELD_KEYS."
        ) from None


def _erase(batches, reason: str) -> int:
    """Mark the batches' files erased now; delete the stored files once the transaction commits."""
    names = []
    now = timezone.now()
    for batch in batches:
        names.append((batch.file.storage, batch.file.name))
        changes = {"file": "", "file_erased_at": now, "file_erased_reason": reason}
        if batch.status in (ImportStatus.UPLOADED, ImportStatus.PREVIEWING, ImportStatus.PREVIEWED):
            changes.update(
                status=ImportStatus.FAILED, error=f"Fichier effacé avant l'import ({reason})."
            )
        ImportBatch.objects.filter(pk=batch.pk).update(**changes)

    def delete_files():
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return len(names)


@transaction.atomic
def purge_declaration_files(before: datetime) -> int:
    """Erase the stored files of the batches created before ``before``; how many were erased.

    A batch still importing is left for the next run. Idempotent.
    """
    batches = list(
        ImportBatch.objects.select_for_update()
        .filter(created_at__lt=before)
        .exclude(file="")
        .exclude(status=ImportStatus.RUNNING)
    )
    return _erase(batches, "durée de conservation échue")


def _person_keys(people) -> tuple[set[str], set[tuple]]:
    nirs = {p["nir"] for p in people if p.get("nir")}
    names = {
        (v.normalise_name(p["last_name"]), v.normalise_name(p["first_name"]), p["birth_date"])
        for p in people
        if p.get("birth_date")
    }
    return nirs, names


def _lists_someone(data: bytes, name: str, nirs: set[str], names: set[tuple]) -> bool:
    try:
        table = read_table(data, name)
    except FileUnreadable:
        return True  # unreadable now: it cannot be shown not to list her, so it goes
    today = timezone.localdate()
    for raw in table.rows:
        values = row_as_dict(table, raw)
        try:
            if v.parse_nir(values.get("nir")) in nirs:
                return True
        except v.RowError:
            pass
        try:
            born = v.parse_birth_date(values.get("date_naissance"), today=today)
        except v.RowError:
            continue
        key = (
            v.normalise_name(str(values.get("nom") or "")),
            v.normalise_name(str(values.get("prenom") or "")),
            born,
        )
        if key in names:
            return True
    return False


def erase_files_of_people(people: list[dict], *, reason: str = "droit à l'effacement") -> int:
    """Erase every stored declarations file that lists one of ``people``.

    ``people``: dicts with ``nir``, ``last_name``, ``first_name``, ``birth_date``.
    """
    nirs, names = _person_keys(people)
    if not nirs and not names:
        return 0
    concerned = []
    for batch in ImportBatch.objects.select_for_update().exclude(file=""):
        try:
            data = batch_file_bytes(batch)
        except (FileErased, OSError):
            concerned.append(batch)
            continue
        if _lists_someone(data, batch.original_name, nirs, names):
            concerned.append(batch)
    return _erase(concerned, reason)


def on_family_erasure(sender, *, family, **kwargs) -> int:
    """Receiver of ``audit.rgpd.family_erasure``: the family's parents leave the stored files too."""
    people = list(family.parents.values("nir", "last_name", "first_name", "birth_date"))
    return erase_files_of_people(people)
