"""The client IP: REMOTE_ADDR unless a number of trusted reverse proxies is configured."""

from django.test import RequestFactory

from millejours.lib.client_ip import client_ip


def _request(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.MILLEJOURS_TRUSTED_PROXIES = 0
    assert client_ip(_request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


def test_one_trusted_proxy_gives_the_address_it_appended(settings):
    settings.MILLEJOURS_TRUSTED_PROXIES = 1
    # The client wrote "1.2.3.4" itself; our proxy appended the real peer 198.51.100.7.
    assert client_ip(_request("10.0.0.1", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"


def test_two_trusted_proxies_skip_the_inner_hop(settings):
    settings.MILLEJOURS_TRUSTED_PROXIES = 2
    assert client_ip(_request("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.1")) == "198.51.100.7"


def test_a_request_that_bypassed_the_proxy_keeps_its_peer_address(settings):
    settings.MILLEJOURS_TRUSTED_PROXIES = 2
    assert client_ip(_request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"
    assert client_ip(_request("203.0.113.9", "pas-une-adresse, 10.0.0.1")) == "203.0.113.9"


def test_django_axes_uses_the_same_client_address(settings):
    from axes.helpers import get_client_ip_address

    settings.MILLEJOURS_TRUSTED_PROXIES = 1
    assert get_client_ip_address(_request("10.0.0.1", "198.51.100.7")) == "198.51.100.7"
