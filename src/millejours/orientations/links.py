"""Signed links for partners without an account (HMAC, ``TimestampSigner``, 8 days).

The token signs ``"<orientation id>:<nonce>"``; renewing the link changes the nonce so
that earlier links stop working. The timestamp is the signing time: a link expires
``MAX_AGE_DAYS`` days after it was issued.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing

from .models import Orientation

SALT = "millejours.orientations.partner-link"
MAX_AGE_DAYS = 8


class LinkError(Exception):
    """Invalid, tampered or expired link (message in French)."""


def _max_age() -> timedelta:
    return timedelta(days=getattr(settings, "MILLEJOURS_ORIENTATION_LINK_DAYS", MAX_AGE_DAYS))


def link_actor(orientation: Orientation) -> str:
    """Who answers through the link, in the history and the logs (not a person)."""
    return f"{orientation.service.structure.name} (lien sécurisé)"


def make_token(orientation) -> str:
    return signing.TimestampSigner(salt=SALT).sign(f"{orientation.pk}:{orientation.link_nonce}")


def read_token(token: str):
    """The orientation the token designates; raise ``LinkError`` otherwise."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=_max_age())
    except signing.SignatureExpired:
        raise LinkError(
            "Ce lien a expiré. Demandez un nouveau lien au professionnel qui a orienté la famille."
        ) from None
    except signing.BadSignature:
        raise LinkError("Ce lien n'est pas valide.") from None
    pk, _, nonce = value.partition(":")
    orientation = (
        Orientation.objects.select_related(
            "family", "family__commune", "service", "service__structure"
        )
        .filter(pk=pk)
        .first()
    )
    if orientation is None or orientation.link_nonce != nonce:
        raise LinkError("Ce lien a été remplacé par un lien plus récent.")
    return orientation
