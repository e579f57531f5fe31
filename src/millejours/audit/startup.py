"""Start-up refusal of insecure secrets (called at the end of ``millejours.settings``).

Outside demo mode (``MILLEJOURS_DEMO=1``) and tests (``MILLEJOURS_TESTING=1`` or pytest),
the platform does not start without ``SECRET_KEY``, ``MILLEJOURS_FIELD_KEYS`` and
``MILLEJOURS_ACCESSLOG_KEYS``; an invalid field key is refused at start-up in every mode
(not at the first encrypted read). Plain values in, ``ImproperlyConfigured`` out: this
module must not read ``django.conf.settings`` (it runs while settings are being built).
"""

from __future__ import annotations

import binascii

from django.core.exceptions import ImproperlyConfigured

ACCESSLOG_KEY_MIN_LENGTH = 32
HOW_TO = (
    " (démonstration : MILLEJOURS_DEMO=1 ; tests : MILLEJOURS_TESTING=1 ;"
    " voir docs/trust.md pour générer les clés)."
)


def _invalid_fernet_keys(keys: list[str]) -> list[int]:
    from cryptography.fernet import Fernet  # imported by settings.py: nothing heavy at start

    bad = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, binascii.Error):
            bad.append(position)
    return bad


def check_secrets(
    *, secret_key: str, field_keys: list[str], accesslog_keys: list[str], relaxed: bool
) -> None:
    """Raise ``ImproperlyConfigured`` (French, no secret in the message) when a secret is unfit."""
    problems = []
    bad = _invalid_fernet_keys(field_keys)
    if bad:
        problems.append(
            "MILLEJOURS_FIELD_KEYS contient une clé invalide (position "
            + ", ".join(map(str, bad))
            + ") : une clé Fernet est attendue (millejours rotate_field_keys --generate-key)"
        )
    short = [
        i for i, key in enumerate(accesslog_keys, start=1) if len(key) < ACCESSLOG_KEY_MIN_LENGTH
    ]
    if short:
        problems.append(
            f"MILLEJOURS_ACCESSLOG_KEYS contient une clé trop courte (position {', '.join(map(str, short))}) :"
            f" {ACCESSLOG_KEY_MIN_LENGTH} caractères au moins"
        )
    if not relaxed:
        if not secret_key:
            problems.append("SECRET_KEY n'est pas défini")
        if not field_keys:
            problems.append(
                "MILLEJOURS_FIELD_KEYS n'est pas défini (clés de chiffrement des champs sensibles)"
            )
        if not accesslog_keys:
            problems.append(
                "MILLEJOURS_ACCESSLOG_KEYS n'est pas défini (clés de signature du journal des accès)"
            )
    if problems:
        raise ImproperlyConfigured(
            "Mille Jours refuse de démarrer : "
            + " ; ".join(problems)
            + ("." if relaxed else HOW_TO)
        )
