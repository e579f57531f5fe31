"""The interop writes hold their role rule themselves (docs/trust.md § 9).

API tokens are the platform administrator's (the Django admin) or the platform's (the
``api_token`` command, ``actor=None``); the regional catalogue's subscriptions are the
coordination's or the platform's (the nightly refresh). A caller that skips the pages meets
``PermissionDenied`` before anything is written, audit event included.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from millejours.audit.models import AuditEvent
from millejours.interop import feeds, tokens
from millejours.interop.models import ApiToken, FeedSubscription, RemoteFiche

pytestmark = pytest.mark.django_db

FEED = {
    "schema": "millejours.fiche/1",
    "kind": "feed",
    "publisher": "CPTS du Vexin",
    "fiches": [
        {
            "id": "1",
            "schema": "millejours.fiche/1",
            "fiche": {"title": "Café des parents", "theme": "parentalite", "state": "en_cours"},
        }
    ],
}


@pytest.fixture
def token(coordinator) -> ApiToken:
    return tokens.create_token(user=coordinator, name="ARS", scopes=["indicateurs"])[0]


@pytest.fixture
def subscription(monkeypatch) -> FeedSubscription:
    monkeypatch.setattr(feeds, "fetch", lambda url, **_: json.dumps(FEED).encode())
    return FeedSubscription.objects.create(name="CPTS du Vexin", url="https://vexin.example/flux")


# Each write: its allowed and refused personas, how to call it, what it changes.
WRITES: dict[str, tuple[list[str], list[str], Any, Any]] = {
    "create_token": (
        ["admin_user"],
        ["coordinator", "sagefemme", "parent", "partner"],
        lambda actor, token, sub: tokens.create_token(
            user=token.user, name="CPAM", scopes=["indicateurs"], actor=actor
        ),
        lambda token, sub: ApiToken.objects.count(),
    ),
    "revoke_token": (
        ["admin_user"],
        ["coordinator", "sagefemme", "parent", "partner"],
        lambda actor, token, sub: tokens.revoke_token(token=token, actor=actor),
        lambda token, sub: ApiToken.objects.get(pk=token.pk).revoked_at,
    ),
    "subscribe": (
        ["coordinator", "admin_user"],
        ["sagefemme", "parent", "partner"],
        lambda actor, token, sub: feeds.subscribe(
            name="CPTS de l'Est", body=json.dumps(FEED).encode(), actor=actor
        ),
        lambda token, sub: (FeedSubscription.objects.count(), RemoteFiche.objects.count()),
    ),
    "refresh": (
        ["coordinator", "admin_user"],
        ["sagefemme", "parent", "partner"],
        lambda actor, token, sub: feeds.refresh(sub, actor=actor),
        lambda token, sub: RemoteFiche.objects.count(),
    ),
}
REFUSED = [(write, persona) for write, (_, refused, _, _) in WRITES.items() for persona in refused]
ALLOWED = [(write, persona) for write, (allowed, _, _, _) in WRITES.items() for persona in allowed]


@pytest.mark.parametrize("write, persona", REFUSED)
def test_without_the_role_no_interop_write_goes_through(
    request, token, subscription, write, persona
):
    _, _, call, written = WRITES[write]
    before, events = written(token, subscription), AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        call(request.getfixturevalue(persona), token, subscription)
    assert written(token, subscription) == before
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("write, persona", [*ALLOWED, *[(write, None) for write in WRITES]])
def test_the_role_or_the_platform_writes(request, token, subscription, write, persona):
    _, _, call, written = WRITES[write]
    before = written(token, subscription)
    call(persona and request.getfixturevalue(persona), token, subscription)
    assert written(token, subscription) != before
