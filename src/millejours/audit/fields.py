"""Encryption at rest of the most sensitive fields (screening answers, free-text notes).

Usage in any app::

    from millejours.audit.fields import EncryptedJSONField, EncryptedTextField

    class Answer(models.Model):
        answers = EncryptedJSONField("réponses", default=dict)
        note = EncryptedTextField("note", blank=True, default="")

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, ``cryptography``) using the
keys of ``MILLEJOURS_FIELD_KEYS`` (comma-separated, environment): the FIRST key encrypts,
ALL keys decrypt (``MultiFernet``), so a new key is put first, then
``millejours rotate_field_keys`` re-encrypts every row, then the old key is removed.
Without any key (development, demo, tests) a key derived from ``SECRET_KEY`` is used and a
warning is logged; ``check --deploy`` refuses that in production.

Limits: encrypted columns cannot be searched, filtered on or sorted in SQL (the token
changes at every write). Values stored in clear before a field became encrypted are read
as they are and encrypted at the next write (or by ``rotate_field_keys``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

logger = logging.getLogger("millejours.audit")
PREFIX = "fernet:"
_cache: dict[tuple, MultiFernet] = {}
_warned: list[bool] = []


def derived_dev_key() -> bytes:
    digest = hashlib.sha256(("millejours-field-key:" + settings.SECRET_KEY).encode()).digest()
    return base64.urlsafe_b64encode(digest)


def field_keys() -> list[bytes]:
    keys = [
        k.encode() if isinstance(k, str) else k
        for k in getattr(settings, "MILLEJOURS_FIELD_KEYS", [])
        if k
    ]
    if not keys:
        if not _warned:
            _warned.append(True)  # once per process, not once per encrypted value
            logger.warning(
                "MILLEJOURS_FIELD_KEYS n'est pas défini : clé de chiffrement dérivée de SECRET_KEY"
                " (développement uniquement)."
            )
        keys = [derived_dev_key()]
    return keys


def cipher() -> MultiFernet:
    keys = tuple(field_keys())
    if keys not in _cache:
        try:
            _cache[keys] = MultiFernet([Fernet(k) for k in keys])
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"MILLEJOURS_FIELD_KEYS contient une clé invalide : {exc}"
            ) from None
    return _cache[keys]


def encrypt_str(value: str) -> str:
    return PREFIX + cipher().encrypt(value.encode()).decode()


def decrypt_str(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored  # legacy clear text
    try:
        return cipher().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "Impossible de déchiffrer une valeur : la clé qui l'a chiffrée n'est plus dans MILLEJOURS_FIELD_KEYS."
        ) from None


def is_encrypted(stored) -> bool:
    return isinstance(stored, str) and stored.startswith(PREFIX)


class EncryptedTextField(models.TextField):
    description = "Texte chiffré (Fernet)"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return decrypt_str(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt_str(str(value))


class EncryptedJSONField(models.TextField):
    """A JSON document stored encrypted (text column)."""

    description = "Document JSON chiffré (Fernet)"
    # For django-stubs: the attribute holds a JSON document, not the text column's str.
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def __init__(self, *args, encoder=DjangoJSONEncoder, **kwargs):
        self.encoder = encoder
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return json.loads(decrypt_str(value))

    def to_python(self, value):
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt_str(json.dumps(value, cls=self.encoder, ensure_ascii=False, sort_keys=True))

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj), cls=self.encoder, ensure_ascii=False)

    def formfield(self, **kwargs):
        from django import forms

        return super(models.TextField, self).formfield(**{"form_class": forms.JSONField, **kwargs})


def encrypted_fields():
    """(model, field) for every encrypted field of the project."""
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, (EncryptedTextField, EncryptedJSONField)):
                yield model, field
