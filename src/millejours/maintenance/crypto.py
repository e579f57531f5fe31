"""Streaming authenticated encryption of backup archives (AES-256-GCM, chunked).

File format, version 1 (all integers big-endian)::

    magic     8 bytes   b"MJBACKUP"
    version   1 byte    1
    salt     16 bytes   scrypt salt (key derivation from MILLEJOURS_BACKUP_KEY)
    prefix    7 bytes   random nonce prefix
    then chunks, each:
      length  4 bytes   length of the ciphertext that follows (plaintext + 16-byte tag)
      data    N bytes   AES-GCM(key, nonce, plaintext, aad=header)

The 12-byte nonce of chunk i is ``prefix || i (4 bytes) || last (1 byte: 1 on the final
chunk, else 0)`` (the STREAM construction): chunks cannot be reordered, dropped or
truncated without failing authentication, and the header is authenticated as associated
data of every chunk. The plaintext is cut in chunks of at most ``CHUNK_SIZE`` bytes, so a
dump of any size is encrypted and decrypted in constant memory.

The key is derived with scrypt (n=2**15, r=8, p=1) from the text of
``MILLEJOURS_BACKUP_KEY`` (a passphrase, or the output of
``python -c "import secrets; print(secrets.token_urlsafe(32))"``).
"""

from __future__ import annotations

import io
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .errors import MaintenanceError

MAGIC = b"MJBACKUP"
VERSION = 1
CHUNK_SIZE = 1 << 20
HEADER_SIZE = len(MAGIC) + 1 + 16 + 7
MIN_KEY_LENGTH = 16


class BackupKeyError(MaintenanceError):
    """The archive cannot be decrypted with this key, or it is not a backup archive."""


def derive_key(secret: str, salt: bytes) -> bytes:
    if len(secret) < MIN_KEY_LENGTH:
        raise BackupKeyError(
            f"la clé de sauvegarde doit compter au moins {MIN_KEY_LENGTH} caractères."
        )
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(secret.encode())


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", index, 1 if last else 0)


class EncryptingWriter(io.RawIOBase):
    """A write-only file object: what is written lands encrypted in ``raw``."""

    def __init__(self, raw, secret: str):
        super().__init__()
        salt, self._prefix = os.urandom(16), os.urandom(7)
        self._header = MAGIC + bytes([VERSION]) + salt + self._prefix
        self._aead = AESGCM(derive_key(secret, salt))
        self._raw = raw
        self._buffer = bytearray()
        self._index = 0
        raw.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK_SIZE:  # keep at least one byte for the final chunk
            self._emit(bytes(self._buffer[:CHUNK_SIZE]), last=False)
            del self._buffer[:CHUNK_SIZE]
        return len(data)

    def _emit(self, plain: bytes, *, last: bool) -> None:
        if self._index >= 2**32 - 1:
            raise ValueError("archive trop volumineuse")
        sealed = self._aead.encrypt(_nonce(self._prefix, self._index, last), plain, self._header)
        self._raw.write(struct.pack(">I", len(sealed)) + sealed)
        self._index += 1

    def close(self) -> None:
        if not self.closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._raw.flush()
        super().close()


class DecryptingReader(io.RawIOBase):
    """A read-only file object giving back the plaintext of an encrypted ``raw`` stream."""

    def __init__(self, raw, secret: str):
        super().__init__()
        header = raw.read(HEADER_SIZE)
        if len(header) < HEADER_SIZE or not header.startswith(MAGIC):
            raise BackupKeyError("ce fichier n'est pas une sauvegarde Mille Jours.")
        if header[len(MAGIC)] != VERSION:
            raise BackupKeyError(
                f"version de sauvegarde non prise en charge : {header[len(MAGIC)]}."
            )
        salt = header[len(MAGIC) + 1 : len(MAGIC) + 17]
        self._prefix = header[len(MAGIC) + 17 :]
        self._header = header
        self._aead = AESGCM(derive_key(secret, salt))
        self._raw = raw
        self._buffer = b""
        self._pos = 0
        self._index = 0
        self._done = False
        self._fill()  # a wrong key fails here, before anything is read

    def readable(self) -> bool:
        return True

    def _fill(self) -> None:
        head = self._raw.read(4)
        if len(head) < 4:
            raise BackupKeyError("sauvegarde tronquée (dernier bloc manquant).")
        (length,) = struct.unpack(">I", head)
        sealed = self._raw.read(length)
        if len(sealed) < length:
            raise BackupKeyError("sauvegarde tronquée.")
        for last in (False, True):
            try:
                plain = self._aead.decrypt(
                    _nonce(self._prefix, self._index, last), sealed, self._header
                )
            except InvalidTag:
                continue
            self._index += 1
            self._buffer, self._pos = self._buffer[self._pos :] + plain, 0
            if last:
                if self._raw.read(1):
                    raise BackupKeyError("données inattendues après la fin de la sauvegarde.")
                self._done = True
            return
        if self._index == 0:
            raise BackupKeyError(
                "clé de sauvegarde incorrecte (MILLEJOURS_BACKUP_KEY) ou fichier altéré."
            )
        raise BackupKeyError(f"sauvegarde altérée (bloc {self._index}).")

    def readinto(self, target) -> int:
        while self._pos >= len(self._buffer) and not self._done:
            self._fill()
        size = min(len(target), len(self._buffer) - self._pos)
        target[:size] = self._buffer[self._pos : self._pos + size]
        self._pos += size
        return size
