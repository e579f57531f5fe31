"""Checking uploaded files before any other code reads them.

    from millejours.audit.uploads import validate_upload, UploadRejected

    try:
        kind = validate_upload(request.FILES["fichier"], allowed={"csv", "xlsx"})
    except UploadRejected as exc:
        form.add_error("fichier", str(exc))

The extension must be allowed AND the content must match it (magic bytes, not the
browser's Content-Type); the size is capped by ``MILLEJOURS_UPLOAD_MAX_MB`` (or
``max_bytes=``). Returns the detected kind (``"csv"``, ``"pdf"``…). Also usable as a
form-field validator: ``validators=[upload_validator({"csv", "xlsx"})]``.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

KINDS: dict[str, dict[str, Any]] = {
    "csv": {"extensions": {".csv", ".txt"}, "label": "CSV"},
    "xlsx": {"extensions": {".xlsx"}, "label": "Excel (.xlsx)"},
    "json": {"extensions": {".json"}, "label": "JSON"},
    "ics": {"extensions": {".ics"}, "label": "iCalendar (.ics)"},
    "pdf": {"extensions": {".pdf"}, "label": "PDF"},
    "png": {"extensions": {".png"}, "label": "image PNG"},
    "jpeg": {"extensions": {".jpg", ".jpeg"}, "label": "image JPEG"},
    "webp": {"extensions": {".webp"}, "label": "image WebP"},
}
IMAGES = {"png", "jpeg", "webp"}
SNIFF_BYTES = 8192


class UploadRejected(ValidationError):
    pass


def _head(upload, size: int) -> bytes:
    upload.seek(0)
    data = upload.read(size)
    upload.seek(0)
    return data if isinstance(data, bytes) else data.encode()


def _looks_like_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            data.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if encoding == "utf-8-sig" and exc.start >= len(data) - 4:
                return True  # a multi-byte character cut at the end of the sample
    return False


def sniff(upload, kind: str) -> bool:
    head = _head(upload, SNIFF_BYTES)
    if kind == "pdf":
        return head.startswith(b"%PDF-")
    if kind == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind == "jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if kind == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if kind == "xlsx":
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
            return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)
        except zipfile.BadZipFile:
            return False
        finally:
            upload.seek(0)
    if kind == "json":
        if not _looks_like_text(head):
            return False
        upload.seek(0)
        try:
            json.loads(upload.read().decode("utf-8-sig"))
            return True
        except RecursionError:
            return True  # JSON nested too deep: the importer's bounded reader says so in French
        except (ValueError, UnicodeDecodeError):
            return False
        finally:
            upload.seek(0)
    if kind == "ics":
        return _looks_like_text(head) and head.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(
            b"BEGIN:VCALENDAR"
        )
    if kind == "csv":
        return _looks_like_text(head) and not head.lstrip().startswith(
            (b"<", b"%PDF", b"PK\x03\x04")
        )
    return False


def validate_upload(
    upload, *, allowed: set[str] | frozenset[str], max_bytes: int | None = None
) -> str:
    """Return the kind of ``upload`` or raise ``UploadRejected`` (French message)."""
    unknown = set(allowed) - set(KINDS)
    if unknown:
        raise ValueError(f"Types inconnus : {sorted(unknown)}")
    limit = max_bytes if max_bytes is not None else settings.MILLEJOURS_UPLOAD_MAX_MB * 1024 * 1024
    labels = ", ".join(KINDS[k]["label"] for k in sorted(allowed))
    if upload is None or not getattr(upload, "name", ""):
        raise UploadRejected("Aucun fichier reçu.")
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(0)
    if size == 0:
        raise UploadRejected("Le fichier est vide.")
    if size > limit:
        raise UploadRejected(
            f"Le fichier est trop volumineux ({size / 1048576:.1f} Mo ; maximum {limit / 1048576:.0f} Mo)."
        )
    extension = PurePath(upload.name).suffix.lower()
    kind = next((k for k in sorted(allowed) if extension in KINDS[k]["extensions"]), None)
    if kind is None:
        raise UploadRejected(
            f"Type de fichier non accepté ({extension or 'sans extension'}). Types acceptés : {labels}."
        )
    if not sniff(upload, kind):
        raise UploadRejected(
            f"Le contenu du fichier ne correspond pas à son extension ({KINDS[kind]['label']} attendu)."
        )
    return kind


def upload_validator(allowed, max_bytes: int | None = None):
    def _validate(upload):
        validate_upload(upload, allowed=set(allowed), max_bytes=max_bytes)

    return _validate
