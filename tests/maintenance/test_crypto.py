"""The encrypted stream: round trip over many chunks; wrong key, truncation, tampering refused."""

from __future__ import annotations

import io
import os

import pytest

from millejours.maintenance import crypto
from millejours.maintenance.crypto import BackupKeyError, DecryptingReader, EncryptingWriter

SECRET = "une-cle-de-sauvegarde-de-test"


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(crypto, "CHUNK_SIZE", 1000)


def _encrypt(plain: bytes, secret: str = SECRET) -> bytes:
    raw = io.BytesIO()
    writer = EncryptingWriter(raw, secret)
    for i in range(0, len(plain), 777):
        writer.write(plain[i : i + 777])
    writer.close()
    return raw.getvalue()


def _decrypt(sealed: bytes, secret: str = SECRET) -> bytes:
    return DecryptingReader(io.BytesIO(sealed), secret).read()


@pytest.mark.parametrize("size", [0, 1, 999, 1000, 1001, 5432])
def test_round_trip_over_chunk_boundaries(size):
    plain = os.urandom(size)
    sealed = _encrypt(plain)
    assert sealed.startswith(b"MJBACKUP\x01")
    assert _decrypt(sealed) == plain


def test_wrong_key_fails_at_once():
    with pytest.raises(BackupKeyError, match="clé de sauvegarde incorrecte"):
        DecryptingReader(io.BytesIO(_encrypt(b"x" * 3000)), "une-autre-cle-de-sauvegarde")


def test_a_dropped_final_chunk_is_detected():
    sealed = _encrypt(os.urandom(3500))
    last_chunk = 4 + 500 + 16
    with pytest.raises(BackupKeyError, match="tronquée"):
        _decrypt(sealed[:-last_chunk])


def test_a_flipped_byte_is_detected():
    sealed = bytearray(_encrypt(os.urandom(3500)))
    sealed[crypto.HEADER_SIZE + 4 + 1500] ^= 1
    with pytest.raises(BackupKeyError, match="altérée"):
        _decrypt(bytes(sealed))


def test_a_file_that_is_not_a_backup_is_refused():
    with pytest.raises(BackupKeyError, match="pas une sauvegarde"):
        _decrypt(b"PK\x03\x04 un fichier zip")


def test_a_short_key_is_refused():
    with pytest.raises(BackupKeyError, match="au moins 16"):
        EncryptingWriter(io.BytesIO(), "court")
