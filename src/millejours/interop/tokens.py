"""API tokens: creation (secret shown once), revocation, authentication and rate limit.

Creating and revoking are the platform administrator's (``require_platform_admin``: the
Django admin) or the platform's (``actor=None``: the ``api_token`` command), checked before
anything is written.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from millejours.accounts.access import require_platform_admin, require_role_or_platform
from millejours.audit.services import record_event
from millejours.lib import throttle
from millejours.lib.client_ip import client_ip

from .choices import ApiScope
from .models import ApiToken

TOKEN_PREFIX = "mj_"
DEFAULT_DAYS = 90
MAX_DAYS = 366
# Requests per window: per token, and per IP for the anonymous (public) endpoints.
DEFAULT_LIMITS = {"per_token": 600, "per_ip": 120, "window": 60}


class TokenError(ValueError):
    """Invalid token parameters (message in French)."""


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_token(
    *, user, name: str, scopes: list[str], days: int = DEFAULT_DAYS, actor=None
) -> tuple[ApiToken, str]:
    """A new token and its secret (returned once, never stored)."""
    require_role_or_platform(actor, require_platform_admin)
    name = (name or "").strip()
    if not name:
        raise TokenError("Le nom du jeton est obligatoire.")
    unknown = sorted(set(scopes) - set(ApiScope.values))
    if unknown:
        raise TokenError(
            f"Portée inconnue : {', '.join(unknown)} (attendu : {', '.join(ApiScope.values)})."
        )
    if not 1 <= days <= MAX_DAYS:
        raise TokenError(f"La durée doit être comprise entre 1 et {MAX_DAYS} jours.")
    prefix = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        name=name[:120],
        user=user,
        prefix=prefix,
        key_hash=digest(raw),
        scopes=sorted(set(scopes)),
        expires_at=timezone.now() + timedelta(days=days),
    )
    record_event(
        actor=actor or "commande",
        action="interop.jeton_cree",
        obj=token,
        details={"prefixe": prefix, "portees": token.scopes},
    )
    return token, raw


def revoke_token(*, token: ApiToken, actor=None) -> ApiToken:
    require_role_or_platform(actor, require_platform_admin)
    if token.revoked_at is None:
        with transaction.atomic():
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record_event(
                actor=actor or "commande",
                action="interop.jeton_revoque",
                obj=token,
                details={"prefixe": token.prefix},
            )
    return token


def authenticate(raw: str) -> ApiToken | None:
    """The active token behind ``raw`` (constant-time lookup by digest), else ``None``."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=digest(raw)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def _limits() -> dict:
    limits = dict(DEFAULT_LIMITS)
    limits.update(getattr(settings, "MILLEJOURS_RATE_LIMITS", {}).get("api", {}))
    return limits


def allow(request, token: ApiToken | None) -> bool:
    """Count one API request (per token, or per client IP without a token)."""
    limits = _limits()
    if token is not None:
        key, limit = digest(f"api\x00token\x00{token.prefix}"), int(limits["per_token"])
    else:
        key, limit = digest(f"api\x00ip\x00{client_ip(request)}"), int(limits["per_ip"])
    return throttle.hit([key], limit=limit, window=int(limits["window"]))


def window() -> int:
    return int(_limits()["window"])
