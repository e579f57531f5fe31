"""Shared fixtures: the personas of the specifications.

- ``sagefemme``: a sage-femme libérale in the family's care team;
- ``outsider``: a sage-femme of the territory who is *not* in the care team;
- ``coordinator``: the CPTS coordinator;
- ``parent``: the family's parent (an account linked to the family);
- ``partner``: a partner structure (PMI, association…);
- ``admin``: the platform administrator / DPO.
"""

from __future__ import annotations

import os

import pytest

from millejours.accounts.models import OrganisationKind, Profession, Role

from . import factories


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MILLEJOURS_ACCESSLOG_ANCHOR_DIR = tmp_path / "anchors"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def commune(db):
    return factories.commune()


@pytest.fixture
def cabinet(db):
    return factories.organisation()


@pytest.fixture
def sagefemme(db, cabinet):
    return factories.user(
        Role.PROFESSIONAL,
        email="sf.equipe@test.millejours.fr",
        profession=Profession.SAGE_FEMME,
        organisation_obj=cabinet,
        first_name="Sophie",
        last_name="Martin",
    )


@pytest.fixture
def outsider(db, cabinet):
    return factories.user(
        Role.PROFESSIONAL,
        email="sf.horsequipe@test.millejours.fr",
        profession=Profession.SAGE_FEMME,
        organisation_obj=cabinet,
        first_name="Olivia",
        last_name="Dehors",
    )


@pytest.fixture
def coordinator(db):
    cpts = factories.organisation("CPTS des Portes du Lauragais", OrganisationKind.CPTS)
    return factories.user(
        Role.COORDINATOR,
        email="coord@test.millejours.fr",
        organisation_obj=cpts,
        first_name="Claire",
        last_name="Coordination",
    )


@pytest.fixture
def partner(db):
    asso = factories.organisation("Association Les Premiers Pas", OrganisationKind.ASSOCIATION)
    return factories.user(
        Role.PARTNER,
        email="partenaire@test.millejours.fr",
        organisation_obj=asso,
        first_name="Paul",
        last_name="Partenaire",
    )


@pytest.fixture
def admin_user(db):
    return factories.user(
        Role.ADMIN, email="admin@test.millejours.fr", is_staff=True, is_superuser=True
    )


@pytest.fixture
def parent(db):
    return factories.user(
        Role.PARENT, email="parent@test.millejours.fr", first_name="Camille", last_name="Exemple"
    )


@pytest.fixture
def family(db, sagefemme, parent, commune):
    """A pregnant mother at 10 SA, first child, followed by ``sagefemme``."""
    return factories.family(care_team=[sagefemme], parent_user=parent, commune_obj=commune)


@pytest.fixture
def login(client):
    """``login(user)`` logs the test client in as ``user`` (second factor included)."""

    def _login(user):
        client.force_login(user)
        from tests.auth import mark_second_factor_verified

        mark_second_factor_verified(client, user)
        return client

    return _login


# --- Browser tests -------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("MILLEJOURS_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} est absent alors que MILLEJOURS_REQUIRE_BROWSER est défini")
        pytest.skip("Chromium (paquet Debian chromium) n'est pas installé")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        locale="fr-FR", timezone_id="Europe/Paris", base_url=live_server.url
    )
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def browser_login(page, live_server):
    """Log in through the real login page (and the second factor when one is required)."""

    def _login(user, password=factories.PASSWORD):
        from tests.auth import browser_complete_login

        page.goto("/comptes/connexion/")
        page.get_by_label("Adresse électronique").fill(user.email)
        page.get_by_label("Mot de passe").fill(password)
        page.get_by_role("button", name="Se connecter").click()
        browser_complete_login(page, user)
        return page

    return _login
