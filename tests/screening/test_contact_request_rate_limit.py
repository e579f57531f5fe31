"""The anonymous EPDS contact request is rate limited per client IP and per phone/e-mail."""

import pytest

from millejours.screening.models import ContactRequest, Response

from .helpers import epds_for_points

pytestmark = pytest.mark.django_db


def _anonymous_result(client) -> str:
    client.post("/reperage/epds/test/", epds_for_points([2] * 10))
    return Response.objects.order_by("-pk").first().public_token


def _ask(client, token, ip, **data):
    payload = {"name": "Léa", "consent": "on", **data}
    return client.post(f"/reperage/epds/resultat/{token}/", payload, REMOTE_ADDR=ip)


def test_one_phone_number_cannot_be_submitted_again_and_again(client, settings):
    settings.MILLEJOURS_RATE_LIMITS = {"epds_contact": {"per_target": 2}}
    for n in range(2):
        _ask(client, _anonymous_result(client), f"203.0.113.{n}", phone="06 00 00 00 00")
    refused = _ask(client, _anonymous_result(client), "198.51.100.7", phone="+33600000000")
    assert refused.status_code == 429
    assert "Merci de réessayer plus tard" in refused.content.decode()
    assert ContactRequest.objects.count() == 2


def test_one_client_address_is_limited(client, settings):
    settings.MILLEJOURS_RATE_LIMITS = {"epds_contact": {"per_ip": 2}}
    for n in range(2):
        _ask(client, _anonymous_result(client), "203.0.113.1", phone=f"060000000{n}")
    assert (
        _ask(client, _anonymous_result(client), "203.0.113.1", phone="0611111111").status_code
        == 429
    )
    assert ContactRequest.objects.count() == 2


def test_a_filled_honeypot_is_refused(client):
    token = _anonymous_result(client)
    assert 'name="site_web"' in client.get(f"/reperage/epds/resultat/{token}/").content.decode()
    assert _ask(client, token, "203.0.113.1", phone="0600000000", site_web="x").status_code == 400
    assert not ContactRequest.objects.exists()
