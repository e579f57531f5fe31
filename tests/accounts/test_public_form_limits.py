"""Password reset is rate limited; login failures lock an account across addresses."""

import pytest
from django.core import mail

from tests import factories

pytestmark = pytest.mark.django_db
LOGIN = "/comptes/connexion/"
RESET = "/comptes/mot-de-passe/oubli/"


def test_password_reset_is_limited_per_target_address(client, sagefemme, settings):
    settings.MILLEJOURS_RATE_LIMITS = {"password_reset": {"per_target": 2}}
    for n in range(2):
        assert (
            client.post(RESET, {"email": sagefemme.email}, REMOTE_ADDR=f"203.0.113.{n}").status_code
            == 302
        )
    refused = client.post(RESET, {"email": sagefemme.email.upper()}, REMOTE_ADDR="198.51.100.3")
    assert refused.status_code == 429
    assert "Trop de demandes" in refused.content.decode()
    assert len(mail.outbox) == 2


def test_password_reset_is_limited_per_client_address(client, settings):
    settings.MILLEJOURS_RATE_LIMITS = {"password_reset": {"per_ip": 2}}
    for n in range(2):
        client.post(RESET, {"email": f"inconnu{n}@exemple.test"}, REMOTE_ADDR="203.0.113.1")
    assert (
        client.post(RESET, {"email": "autre@exemple.test"}, REMOTE_ADDR="203.0.113.1").status_code
        == 429
    )


def test_password_reset_has_a_honeypot(client, sagefemme):
    assert 'name="site_web"' in client.get(RESET).content.decode()
    assert client.post(RESET, {"email": sagefemme.email, "site_web": "x"}).status_code == 400
    assert not mail.outbox


def test_login_failures_from_many_addresses_lock_the_account(client, sagefemme, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for n in range(3):
        client.post(
            LOGIN,
            {"username": sagefemme.email, "password": "mauvais"},
            REMOTE_ADDR=f"203.0.113.{n}",
        )
    response = client.post(
        LOGIN,
        {"username": sagefemme.email, "password": factories.PASSWORD},
        REMOTE_ADDR="198.51.100.50",
    )
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()


def test_the_lockout_counts_the_client_behind_the_proxy(client, sagefemme, outsider, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.MILLEJOURS_TRUSTED_PROXIES = 1
    for _ in range(2):
        client.post(
            LOGIN,
            {"username": sagefemme.email, "password": "mauvais"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    from axes.models import AccessAttempt

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.1"}
