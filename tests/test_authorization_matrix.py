"""Authorisation matrix: every URL pattern × every role → the expected HTTP status.

The table lives in ``tests/authorization_matrix.yaml``. A pattern without an entry makes
``test_every_url_pattern_has_an_entry`` fail with the list of the missing patterns and a
YAML snippet of what each role currently gets (check it, then paste it).

Each entry::

    "app:name":
      kwargs: {family_id: family}        # optional; tokens: family, other_family,
                                         # pregnancy, milestone, child; or a literal
      method: get                        # optional (get | post)
      expect: {anonymous: 302, parent: 200, other: 403}   # ``other``: every role not listed

Roles: anonymous, parent (linked to ``family``), sagefemme (in its care team), outsider
(professional outside the care team), coordinator, partner, admin.

IDOR: every pattern with a ``family_id`` (with or without an entry) is also requested on
``other_family`` (a file nobody here is linked to): no role may get a 2xx answer, unless
the entry lists it under ``idor_allowed``. URL parameters default to the matching token
(``family_id`` → family, ``pregnancy_id`` → pregnancy, ``milestone_id`` → milestone,
``child_id`` → child), other integers to a missing id (999999).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import factories
from tests.auth import mark_second_factor_verified

TABLE_PATH = Path(__file__).with_name("authorization_matrix.yaml")
ROLES = ("anonymous", "parent", "sagefemme", "outsider", "coordinator", "partner", "admin")
ROLE_FIXTURES = {
    "parent": "parent",
    "sagefemme": "sagefemme",
    "outsider": "outsider",
    "coordinator": "coordinator",
    "partner": "partner",
    "admin": "admin_user",
}


def load_table() -> dict:
    return yaml.safe_load(TABLE_PATH.read_text(encoding="utf-8")) or {}


def walk(patterns, namespace="", prefix=""):
    """Yield (name, pattern route, converters) for every named pattern of the urlconf."""
    for item in patterns:
        if isinstance(item, URLResolver):
            ns = item.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(item.url_patterns, full_ns, prefix + str(item.pattern))
        elif isinstance(item, URLPattern):
            route = prefix + str(item.pattern)
            name = f"{namespace}:{item.name}" if namespace and item.name else (item.name or f"<sans nom> {route}")
            converters = getattr(item.pattern, "converters", {})
            yield namespace, name, route, converters


def all_patterns() -> dict[str, dict]:
    table = load_table()
    ignored = tuple(f"{ns}:" for ns in table.get("ignore_namespaces", [])) or ("\0",)
    found = {}
    for namespace, name, route, converters in walk(get_resolver().url_patterns):
        if f"{namespace}:".startswith(ignored) or any(route.startswith(p) for p in table.get("ignore_prefixes", [])):
            continue
        found.setdefault(name, {"route": route, "converters": converters})
    return found


PATTERNS = all_patterns()
TABLE = load_table().get("patterns", {})
# An entry key may carry a suffix (``"app:name#post"``) to test a second method.
COVERED = {key.split("#")[0] for key in TABLE}


@pytest.fixture
def world(db, family, sagefemme, outsider, coordinator, partner, admin_user, parent):
    other = factories.family(display_name="Foyer Sans Lien")
    pregnancy = family.pregnancies.first()
    milestone = family.milestones.first() if hasattr(family, "milestones") else None
    child = family.children.first()
    tokens = {
        "family": family.pk,
        "other_family": other.pk,
        "pregnancy": pregnancy.pk if pregnancy else 999999,
        "milestone": milestone.pk if milestone else 999999,
        "child": child.pk if child else 999999,
    }
    clients = {"anonymous": Client()}
    for role, fixture in ROLE_FIXTURES.items():
        user = {"parent": parent, "sagefemme": sagefemme, "outsider": outsider, "coordinator": coordinator,
                "partner": partner, "admin_user": admin_user}[fixture]
        c = Client()
        c.force_login(user)
        mark_second_factor_verified(c, user)
        clients[role] = c
    return {"tokens": tokens, "clients": clients}


DEFAULT_TOKENS = {"family_id": "family", "pregnancy_id": "pregnancy", "milestone_id": "milestone", "child_id": "child"}


def build_kwargs(name: str, entry: dict, tokens: dict, *, family_token: str = "family") -> dict:
    converters = PATTERNS[name]["converters"]
    kwargs = {}
    wanted = dict(entry.get("kwargs") or {})
    for key, converter in converters.items():
        value = wanted.get(key, DEFAULT_TOKENS.get(key))
        if key == "family_id" and value == "family":
            value = family_token
        if isinstance(value, str) and value in tokens:
            value = tokens[value]
        if value is None:
            kind = type(converter).__name__
            value = 999999 if kind == "IntConverter" else "inexistant"
        kwargs[key] = value
    return kwargs


def request(client, method: str, url: str) -> int | str:
    try:
        response = client.post(url) if method == "post" else client.get(url)
    except Exception as exc:  # noqa: BLE001 - reported as a status
        return f"erreur {type(exc).__name__}"
    return response.status_code


def expected_for(entry: dict, role: str):
    expect = entry.get("expect") or {}
    return expect.get(role, expect.get("other"))


def observed_entry(name: str, world) -> str:
    """A YAML snippet of what each role gets today (to check, then paste in the table)."""
    kwargs = build_kwargs(name, {}, world["tokens"])
    try:
        url = reverse(name, kwargs=kwargs)
    except Exception as exc:  # noqa: BLE001
        return f'  "{name}":  # URL impossible à construire ({exc})\n'
    got = {role: request(world["clients"][role], "get", url) for role in ROLES}
    expect = ", ".join(f"{role}: {got[role]}" for role in ROLES)
    args = ""
    return f'  "{name}":{args}\n    expect: {{{expect}}}\n'


def test_every_url_pattern_has_an_entry(world):
    missing = sorted(set(PATTERNS) - COVERED)
    if missing:
        snippet = "".join(observed_entry(name, world) for name in missing)
        pytest.fail(
            f"{len(missing)} motif(s) d'URL sans entrée dans tests/authorization_matrix.yaml : "
            + ", ".join(missing)
            + "\n\nRéponses observées aujourd'hui (à vérifier avant de les copier sous « patterns: ») :\n"
            + snippet,
            pytrace=False,
        )


def test_the_table_has_no_stale_entry():
    stale = sorted(COVERED - set(PATTERNS))
    assert not stale, f"Entrées sans motif d'URL (à supprimer du tableau) : {', '.join(stale)}"


@pytest.mark.parametrize("key", sorted(key for key in TABLE if key.split("#")[0] in PATTERNS))
def test_each_role_gets_the_expected_answer(key, world):
    entry = TABLE[key]
    name = key.split("#")[0]
    url = reverse(name, kwargs=build_kwargs(name, entry, world["tokens"]))
    method = entry.get("method", "get")
    got = {role: request(world["clients"][role], method, url) for role in ROLES}
    wrong = {role: (expected_for(entry, role), got[role]) for role in ROLES if expected_for(entry, role) != got[role]}
    assert not wrong, f"{name} ({method.upper()} {url}) : attendu → obtenu par rôle : {wrong}"


OBJECT_PATTERNS = sorted(name for name in PATTERNS if "family_id" in PATTERNS[name]["converters"])


@pytest.mark.parametrize("name", OBJECT_PATTERNS)
def test_no_role_reaches_a_family_it_is_not_linked_to(name, world):
    """IDOR: the same URL with the id of a file nobody here is linked to."""
    entry = TABLE.get(name, {})
    url = reverse(name, kwargs=build_kwargs(name, entry, world["tokens"], family_token="other_family"))
    method = entry.get("method", "get")
    allowed_roles = set(entry.get("idor_allowed", []))
    leaks = {}
    for role in ROLES:
        if role in allowed_roles:
            continue
        status = request(world["clients"][role], method, url)
        if isinstance(status, int) and 200 <= status < 300:
            leaks[role] = status
    assert not leaks, f"Fuite IDOR sur {name} ({url}) : {leaks}"
