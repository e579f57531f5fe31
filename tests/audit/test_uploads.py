"""Uploads are checked by extension, content (magic bytes) and size."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from millejours.audit.uploads import UploadRejected, validate_upload


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("liste.csv", "nom;commune\nLéa;Castanet\n".encode(), "csv"),
        ("liste.csv", "nom;commune\nLéa;Castanet\n".encode("cp1252"), "csv"),
        ("classeur.xlsx", xlsx_bytes(), "xlsx"),
        ("donnees.json", b'{"a": 1}', "json"),
        ("courrier.pdf", b"%PDF-1.7\n...", "pdf"),
        ("photo.PNG", b"\x89PNG\r\n\x1a\n" + b"0" * 10, "png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"0" * 10, "jpeg"),
    ],
)
def test_genuine_files_are_accepted(name, content, kind):
    upload = SimpleUploadedFile(name, content)
    assert validate_upload(upload, allowed={"csv", "xlsx", "json", "pdf", "png", "jpeg"}) == kind


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.exe", b"MZ\x90\x00", "non accepté"),
        ("faux.pdf", b"<html><script>", "ne correspond pas"),
        ("faux.xlsx", b"PK\x03\x04 not a zip", "ne correspond pas"),
        ("binaire.csv", b"\x00\x01\x02\x03", "ne correspond pas"),
        ("faux.json", b"{pas du json", "ne correspond pas"),
        ("vide.csv", b"", "vide"),
    ],
)
def test_suspicious_files_are_rejected_in_french(name, content, message):
    with pytest.raises(UploadRejected) as exc:
        validate_upload(SimpleUploadedFile(name, content), allowed={"csv", "xlsx", "json", "pdf"})
    assert message in exc.value.messages[0]


def test_size_is_capped_by_the_setting(settings):
    settings.MILLEJOURS_UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("gros.csv", b"a;b\n" * 300_000)
    with pytest.raises(UploadRejected) as exc:
        validate_upload(big, allowed={"csv"})
    assert "trop volumineux" in exc.value.messages[0]


def test_the_file_can_be_read_again_after_the_check():
    upload = SimpleUploadedFile("liste.csv", b"nom\nLea\n")
    validate_upload(upload, allowed={"csv"})
    assert upload.read() == b"nom\nLea\n"
