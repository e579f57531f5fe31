"""The client's IP address, behind a known number of trusted reverse proxies.

``MILLEJOURS_TRUSTED_PROXIES`` (default 0) is the number of reverse proxies in front of
the application that append to ``X-Forwarded-For``. With 0 the address is the socket
peer (``REMOTE_ADDR``) and ``X-Forwarded-For`` is ignored (a client could write anything
in it). With N, each of our N proxies appended the address it received the request
from, so the client is the N-th entry from the right; entries further left were written
by the client and are never trusted.

The same function serves the rate limits (``lib.throttle``) and django-axes
(``AXES_CLIENT_IP_CALLABLE``), so that both agree on who the client is.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    value = (value or "").strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client address of ``request`` (``"0.0.0.0"`` when nothing usable is found)."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"
    trusted = int(getattr(settings, "MILLEJOURS_TRUSTED_PROXIES", 0) or 0)
    if trusted <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < trusted:
        # Fewer hops than proxies declared: the request bypassed a proxy; keep the peer.
        return remote
    return _valid(forwarded[-trusted]) or remote
