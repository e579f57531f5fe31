"""Helpers for the open API tests (synthetic people only)."""

from __future__ import annotations

import json

from millejours.interop import tokens


def bearer(user, *scopes, days=30):
    _, raw = tokens.create_token(user=user, name="Partenaire test", scopes=list(scopes), days=days)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def get_json(client, url, headers=None, **params):
    response = client.get(url, params, **(headers or {}))
    return response, (json.loads(response.content) if response.content else None)


def epds_answers(points=0):
    """One answer per EPDS item, each the option worth ``points``."""
    from millejours.screening import questionnaires

    return {
        it.code: next(o.code for o in it.options if o.points == points)
        for it in questionnaires.epds().choice_items
    }
