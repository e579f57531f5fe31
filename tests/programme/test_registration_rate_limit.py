"""Public workshop registration: rate limited per client IP and per e-mail, honeypot."""

import pytest

from millejours.programme.models import Registration

from . import builders

pytestmark = pytest.mark.django_db


def _register(client, session, n, *, ip="203.0.113.5", email=None, forwarded=None, **extra):
    data = {
        "first_name": "Alix",
        "last_name": f"Durand{n}",
        "email": email or f"alix{n}@exemple.test",
        "consent": "on",
        **extra,
    }
    meta = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return client.post(f"/programme/ateliers/{session.pk}/", data, REMOTE_ADDR=ip, **meta)


def test_one_address_cannot_flood_the_registrations(client, settings):
    settings.MILLEJOURS_RATE_LIMITS = {"workshop_registration": {"per_ip": 3}}
    session = builders.session(builders.event(), capacity=50)
    assert all(_register(client, session, n).status_code == 200 for n in range(3))
    refused = _register(client, session, 3)
    assert refused.status_code == 429
    assert "Trop de demandes" in refused.content.decode()
    assert Registration.objects.count() == 3
    assert _register(client, session, 4, ip="198.51.100.4").status_code == 200


def test_one_email_cannot_be_registered_again_and_again_from_many_addresses(client, settings):
    settings.MILLEJOURS_RATE_LIMITS = {"workshop_registration": {"per_target": 2}}
    sessions = [
        builders.session(builders.event(title=f"Atelier {n}"), capacity=5) for n in range(3)
    ]
    for n, session in enumerate(sessions[:2]):
        assert (
            _register(
                client, session, n, ip=f"203.0.113.{n}", email="cible@exemple.test"
            ).status_code
            == 200
        )
    assert (
        _register(client, sessions[2], 2, ip="198.51.100.9", email="Cible@Exemple.test").status_code
        == 429
    )
    assert Registration.objects.count() == 2


def test_the_limit_counts_the_client_behind_the_reverse_proxy(client, settings):
    settings.MILLEJOURS_TRUSTED_PROXIES = 1
    settings.MILLEJOURS_RATE_LIMITS = {"workshop_registration": {"per_ip": 1}}
    session = builders.session(builders.event(), capacity=50)
    proxy = "10.0.0.1"
    assert _register(client, session, 0, ip=proxy, forwarded="198.51.100.1").status_code == 200
    # Another visitor behind the same proxy is not blocked by the first one…
    assert _register(client, session, 1, ip=proxy, forwarded="198.51.100.2").status_code == 200
    # …and forging the header in front of the proxy does not escape the limit.
    assert (
        _register(client, session, 2, ip=proxy, forwarded="1.1.1.1, 198.51.100.2").status_code
        == 429
    )


def test_a_filled_honeypot_is_refused(client):
    session = builders.session(builders.event(), capacity=5)
    page = client.get(f"/programme/ateliers/{session.pk}/").content.decode()
    assert 'name="site_web"' in page
    response = _register(client, session, 0, site_web="http://spam.example")
    assert response.status_code == 400
    assert not Registration.objects.exists()
