"""Authorisation matrix: every URL pattern × every role → the expected HTTP status.

The table lives in ``tests/authorization_matrix.yaml``. A pattern without an entry makes
``test_every_url_pattern_has_an_entry`` fail with the list of the missing patterns and a
YAML snippet of what each role currently gets (check it, then paste it).

Each entry::

    "app:name":
      kwargs: {family_id: family}        # optional; tokens: family, other_family, pregnancy,
                                         # milestone, child, member; or a literal
      expect: {anonymous: 302, parent: 200, other: 403}   # GET; ``other``: every role not listed
      post: {anonymous: 302, other: 405}                  # POST (empty form), required too

Roles: anonymous, parent (linked to ``family``), sagefemme (in its care team), outsider
(professional outside the care team), coordinator, partner, admin. The care team of
``family`` also holds a colleague, another plain member (``member``: her membership).

POST: every pattern is also posted to by every role (an empty form, as a forged request
would be). A pattern without a ``post`` expectation makes ``test_every_url_pattern_has_a_post_expectation``
fail with what each role gets today. A refused POST (4xx, or the anonymous visitor sent to
the login page) must change nothing: the content of every table is compared before and
after (``database_fingerprint``; the session and login-attempt tables are left out). An invalid
form (400, 422) may only log the read of the file it shows again; ``logs_read_on_refusal:
[role, …]`` lists the known refusals that still log a read.

IDOR: every pattern with a ``family_id`` (with or without an entry) is also requested, GET
and POST, on ``other_family`` (a file nobody here is linked to): no role may get a 2xx
answer nor change anything, unless the entry lists it under ``idor_allowed``. URL
parameters default to the matching token (``family_id`` → family, ``pregnancy_id`` →
pregnancy, ``milestone_id`` → milestone, ``child_id`` → child, ``member_id`` → member), other integers to a
missing id (999999).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from millejours.pathway.models import CareTeamMember
from tests import factories
from tests.auth import mark_second_factor_verified

TABLE_PATH = Path(__file__).with_name("authorization_matrix.yaml")
ROLES = ("anonymous", "parent", "sagefemme", "outsider", "coordinator", "partner", "admin")


def load_table() -> dict:
    return yaml.safe_load(TABLE_PATH.read_text(encoding="utf-8")) or {}


def walk(patterns, namespace="", prefix="", outer_converters=None):
    """Yield (name, pattern route, converters) for every named pattern of the urlconf.

    The converters are those of the whole route (an ``include()`` group's prefix too).
    """
    for item in patterns:
        converters = {**(outer_converters or {}), **getattr(item.pattern, "converters", {})}
        if isinstance(item, URLResolver):
            ns = item.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(item.url_patterns, full_ns, prefix + str(item.pattern), converters)
        elif isinstance(item, URLPattern):
            route = prefix + str(item.pattern)
            name = (
                f"{namespace}:{item.name}"
                if namespace and item.name
                else (item.name or f"<sans nom> {route}")
            )
            yield namespace, name, route, converters


def all_patterns() -> dict[str, dict]:
    table = load_table()
    ignored = tuple(f"{ns}:" for ns in table.get("ignore_namespaces", [])) or ("\0",)
    found = {}
    for namespace, name, route, converters in walk(get_resolver().url_patterns):
        if f"{namespace}:".startswith(ignored) or any(
            route.startswith(p) for p in table.get("ignore_prefixes", [])
        ):
            continue
        found.setdefault(name, {"route": route, "converters": converters})
    return found


PATTERNS = all_patterns()
TABLE = load_table().get("patterns", {})
COVERED = set(TABLE)
METHODS = ("get", "post")
# Bookkeeping tables a request may write whatever its answer: the session (last activity of
# the idle timeout), django-axes' login attempts and the public forms' rate-limit counters
# (an attempt counts against the limit whatever its outcome: that is what a limit is for).
UNWATCHED_TABLES = {
    "django_session",
    "axes_accessattempt",
    "axes_accessfailurelog",
    "axes_accesslog",
    "core_throttlehit",
}


def database_fingerprint() -> dict[str, str]:
    """Table → digest of its whole content (every row, every column), to see any write."""
    digests = {}
    with connection.cursor() as cursor:
        for table in sorted(set(connection.introspection.table_names()) - UNWATCHED_TABLES):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - known names
            rows = sorted(repr(row) for row in cursor.fetchall())
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(
        table for table in before.keys() | after.keys() if before.get(table) != after.get(table)
    )


@pytest.fixture
def world(db, family, sagefemme, outsider, coordinator, partner, admin_user, parent):
    other = factories.family(display_name="Foyer Sans Lien")
    pregnancy = family.pregnancies.first()
    milestone = family.milestones.first() if hasattr(family, "milestones") else None
    child = family.children.first()
    colleague = factories.user(email="collegue.equipe@test.millejours.fr")  # a second plain member
    membership = CareTeamMember.objects.create(family=family, user=colleague)
    tokens = {
        "member": membership.pk,
        "family": family.pk,
        "other_family": other.pk,
        "pregnancy": pregnancy.pk if pregnancy else 999999,
        "milestone": milestone.pk if milestone else 999999,
        "child": child.pk if child else 999999,
    }
    users = {
        "parent": parent,
        "sagefemme": sagefemme,
        "outsider": outsider,
        "coordinator": coordinator,
        "partner": partner,
        "admin": admin_user,
    }
    world = {"tokens": tokens, "users": users}
    world["clients"] = fresh_clients(world)
    return world


def fresh_clients(world) -> dict[str, Client]:
    """One logged-in client per role (second factor verified), the anonymous one too."""
    clients = {"anonymous": Client()}
    for role, user in world["users"].items():
        c = Client()
        c.force_login(user)
        mark_second_factor_verified(c, user)
        clients[role] = c
    return clients


DEFAULT_TOKENS = {
    "family_id": "family",
    "pregnancy_id": "pregnancy",
    "milestone_id": "milestone",
    "child_id": "child",
    "member_id": "member",
}


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


ACCESS_LOG_TABLES = {"trust_accesslog", "trust_accessloghead"}
INVALID_INPUT = {400, 422}  # the page is shown again with its errors: a read of the file


def refused(role: str, status) -> bool:
    """A refusal or an invalid form: any 4xx, or the anonymous visitor sent to the login page."""
    return isinstance(status, int) and (
        400 <= status < 500 or (role == "anonymous" and status == 302)
    )


def forbidden_writes(entry: dict, role: str, status, tables: list[str]) -> list[str]:
    """The tables a refused POST may not have written.

    An invalid form (400, 422) shows the file again, so its read is logged. A refusal logs
    nothing, unless the entry lists the role under ``logs_read_on_refusal`` (known defects:
    the read is logged before the refusal; issue « refused requests are never logged »).
    """
    allowed = set()
    if status in INVALID_INPUT or role in entry.get("logs_read_on_refusal", []):
        allowed = ACCESS_LOG_TABLES
    return [table for table in tables if table not in allowed]


def expected_for(entry: dict, role: str, method: str = "get"):
    expect = entry.get("expect" if method == "get" else "post") or {}
    return expect.get(role, expect.get("other"))


def observed_entry(name: str, world, methods=METHODS) -> str:
    """A YAML snippet of what each role gets today (to check, then paste in the table)."""
    kwargs = build_kwargs(name, TABLE.get(name, {}), world["tokens"])
    try:
        url = reverse(name, kwargs=kwargs)
    except Exception as exc:  # noqa: BLE001
        return f'  "{name}":  # URL impossible à construire ({exc})\n'
    lines = [f'  "{name}":\n']
    for method in methods:
        clients = fresh_clients(world)  # an earlier POST may have logged a client out
        got = {role: request(clients[role], method, url) for role in ROLES}
        key = "expect" if method == "get" else "post"
        lines.append(f"    {key}: {{{', '.join(f'{role}: {got[role]}' for role in ROLES)}}}\n")
    return "".join(lines)


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


def test_every_url_pattern_has_a_post_expectation(world):
    missing = sorted(name for name in PATTERNS if name in TABLE and "post" not in TABLE[name])
    if missing:
        snippet = "".join(observed_entry(name, world, methods=("post",)) for name in missing)
        pytest.fail(
            f"{len(missing)} motif(s) sans réponse attendue à un POST : "
            + ", ".join(missing)
            + "\n\nRéponses observées aujourd'hui (à vérifier avant de les copier) :\n"
            + snippet,
            pytrace=False,
        )


def test_the_table_has_no_stale_entry():
    stale = sorted(COVERED - set(PATTERNS))
    assert not stale, f"Entrées sans motif d'URL (à supprimer du tableau) : {', '.join(stale)}"


@pytest.mark.parametrize("name", sorted(name for name in TABLE if name in PATTERNS))
def test_each_role_gets_the_expected_answer(name, world):
    entry = TABLE[name]
    url = reverse(name, kwargs=build_kwargs(name, entry, world["tokens"]))
    got = {role: request(world["clients"][role], "get", url) for role in ROLES}
    wrong = {
        role: (expected_for(entry, role), got[role])
        for role in ROLES
        if expected_for(entry, role) != got[role]
    }
    assert not wrong, f"{name} (GET {url}) : attendu → obtenu par rôle : {wrong}"


@pytest.mark.parametrize(
    "name", sorted(name for name in TABLE if name in PATTERNS and "post" in TABLE[name])
)
def test_each_role_gets_the_expected_answer_to_a_post_and_a_refusal_changes_nothing(name, world):
    entry = TABLE[name]
    url = reverse(name, kwargs=build_kwargs(name, entry, world["tokens"]))
    got, writes = {}, {}
    for role in ROLES:
        before = database_fingerprint()
        got[role] = request(world["clients"][role], "post", url)
        if refused(role, got[role]):
            writes[role] = forbidden_writes(
                entry, role, got[role], changed_tables(before, database_fingerprint())
            )
    wrong = {
        role: (expected_for(entry, role, "post"), got[role])
        for role in ROLES
        if expected_for(entry, role, "post") != got[role]
    }
    assert not wrong, f"{name} (POST {url}) : attendu → obtenu par rôle : {wrong}"
    writes = {role: tables for role, tables in writes.items() if tables}
    assert not writes, f"{name} (POST {url}) : un POST refusé a modifié des tables : {writes}"


OBJECT_PATTERNS = sorted(name for name in PATTERNS if "family_id" in PATTERNS[name]["converters"])


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name", OBJECT_PATTERNS)
def test_no_role_reaches_a_family_it_is_not_linked_to(name, method, world):
    """IDOR: the same URL with the id of a file nobody here is linked to (GET and POST)."""
    entry = TABLE.get(name, {})
    url = reverse(
        name, kwargs=build_kwargs(name, entry, world["tokens"], family_token="other_family")
    )
    allowed_roles = set(entry.get("idor_allowed", []))
    leaks = {}
    for role in ROLES:
        if role in allowed_roles:
            continue
        before = database_fingerprint() if method == "post" else None
        status = request(world["clients"][role], method, url)
        if isinstance(status, int) and 200 <= status < 300:
            leaks[role] = status
        elif before is not None and (tables := changed_tables(before, database_fingerprint())):
            leaks[role] = f"{status}, tables modifiées : {tables}"
    assert not leaks, f"Fuite IDOR sur {name} ({method.upper()} {url}) : {leaks}"
