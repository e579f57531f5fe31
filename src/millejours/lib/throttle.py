"""One small rate limit for the public forms, shared by every worker process.

Counters live in the database (``core.ThrottleHit``, one row per accepted request), not
in Django's default cache: the local-memory cache is per process, so behind gunicorn
with N workers a limit of 5 would really be 5 × N, and a restart would reset it. The
database is the one store all workers already share; a sliding window is a ``COUNT``
over an index, and a hit is one ``INSERT`` (no read-modify-write race to lose).

Usage on a view (only POSTs are counted)::

    @rate_limited("epds_contact", per_ip=10, per_target=3, window=3600, targets=("email", "phone"))

A request is refused (HTTP 429, French page) when the client IP (``lib.client_ip``) or
any submitted target address (e-mail, phone) already reached its limit in the window.
A filled honeypot field (``site_web``, hidden from people; see
``core/_honeypot.html``) is refused at once (HTTP 400). Limits may be overridden per
scope with ``MILLEJOURS_RATE_LIMITS = {"scope": {"per_ip": …, "per_target": …, "window": …}}``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from .client_ip import client_ip

V = TypeVar("V", bound=Callable[..., HttpResponseBase])


HONEYPOT_FIELD = "site_web"
LONGEST_WINDOW = timedelta(days=1)
REFUSED_MESSAGE = (
    "Trop de demandes ont été envoyées depuis cette connexion ou pour cette adresse. "
    "Merci de réessayer plus tard."
)


def _digest(scope: str, kind: str, identity: str) -> str:
    return hashlib.sha256(f"{scope}\x00{kind}\x00{identity}".encode()).hexdigest()


def normalise_target(value: str) -> str:
    """E-mail addresses compare without case; phone numbers on their last 9 digits."""
    value = (value or "").strip().lower()
    digits = re.sub(r"\D", "", value)
    if "@" not in value and len(digits) >= 9:
        return digits[-9:]
    return value


def hit(keys: list[str], *, limit: int, window: int) -> bool:
    """Count one request for every key; ``False`` (nothing counted) if one is at ``limit``."""
    from millejours.core.models import ThrottleHit

    now = timezone.now()
    since = now - timedelta(seconds=window)
    for key in keys:
        if ThrottleHit.objects.filter(key=key, at__gt=since).count() >= limit:
            return False
    ThrottleHit.objects.filter(at__lt=now - max(LONGEST_WINDOW, timedelta(seconds=window))).delete()
    ThrottleHit.objects.bulk_create([ThrottleHit(key=key, at=now) for key in keys])
    return True


def check(
    request: HttpRequest,
    scope: str,
    *,
    per_ip: int,
    per_target: int,
    window: int,
    targets: Iterable[str] = (),
) -> bool:
    """Count this request against the IP and target limits of ``scope``; ``False`` if over."""
    limits = {"per_ip": per_ip, "per_target": per_target, "window": window}
    limits.update(getattr(settings, "MILLEJOURS_RATE_LIMITS", {}).get(scope, {}))
    window = int(limits["window"])
    if not hit(
        [_digest(scope, "ip", client_ip(request))], limit=int(limits["per_ip"]), window=window
    ):
        return False
    values = {normalise_target(request.POST.get(name, "")) for name in targets}
    keys = [_digest(scope, "target", value) for value in sorted(values) if value]
    return not keys or hit(keys, limit=int(limits["per_target"]), window=window)


HONEYPOT_MESSAGE = (
    "Votre demande n'a pas pu être envoyée. Merci de réessayer sans remplir les champs masqués."
)


def refused(request: HttpRequest, *, status: int = 429, window: int = 3600) -> HttpResponse:
    message = REFUSED_MESSAGE if status == 429 else HONEYPOT_MESSAGE
    response = render(request, "core/throttled.html", {"message": message}, status=status)
    if status == 429:
        response["Retry-After"] = str(window)
    return response


def rate_limited(
    scope: str, *, per_ip: int, per_target: int, window: int, targets: Iterable[str] = ()
) -> Callable[[V], V]:
    """Decorator: rate limit and honeypot for the POSTs of a public form view."""

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method == "POST":
                if request.POST.get(HONEYPOT_FIELD):
                    return refused(request, status=400)
                if not check(
                    request,
                    scope,
                    per_ip=per_ip,
                    per_target=per_target,
                    window=window,
                    targets=targets,
                ):
                    return refused(request, window=window)
            response: HttpResponseBase = view(request, *args, **kwargs)
            return response

        return cast(V, wrapper)

    return decorator
