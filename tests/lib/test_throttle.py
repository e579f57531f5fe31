"""The shared rate limit: per client IP and per target address, in the database."""

import pytest
from django.test import RequestFactory

from millejours.core.models import ThrottleHit
from millejours.lib.throttle import check, normalise_target

pytestmark = pytest.mark.django_db


def _post(ip="203.0.113.1", **data):
    return RequestFactory().post("/", data, REMOTE_ADDR=ip)


def test_the_ip_limit_holds_in_the_database_shared_by_every_worker():
    for _ in range(3):
        assert check(_post(), "essai", per_ip=3, per_target=10, window=60)
    assert not check(_post(), "essai", per_ip=3, per_target=10, window=60)
    assert check(_post(ip="203.0.113.2"), "essai", per_ip=3, per_target=10, window=60)
    assert ThrottleHit.objects.count() == 4


def test_the_target_limit_holds_across_addresses():
    for n in range(2):
        assert check(
            _post(ip=f"203.0.113.{n}", email="Lea@Exemple.test"),
            "essai",
            per_ip=10,
            per_target=2,
            window=60,
            targets=("email",),
        )
    assert not check(
        _post(ip="198.51.100.9", email="lea@exemple.test "),
        "essai",
        per_ip=10,
        per_target=2,
        window=60,
        targets=("email",),
    )


def test_hits_outside_the_window_no_longer_count(time_machine):
    time_machine.move_to("2026-03-02 10:00:00+00:00")
    for _ in range(2):
        check(_post(), "essai", per_ip=2, per_target=10, window=60)
    assert not check(_post(), "essai", per_ip=2, per_target=10, window=60)
    time_machine.move_to("2026-03-02 10:01:01+00:00")
    assert check(_post(), "essai", per_ip=2, per_target=10, window=60)


def test_rows_hold_no_address_in_clear():
    check(
        _post(email="lea@exemple.test"),
        "essai",
        per_ip=5,
        per_target=5,
        window=60,
        targets=("email",),
    )
    keys = list(ThrottleHit.objects.values_list("key", flat=True))
    assert len(keys) == 2 and all("exemple" not in key and "203.0" not in key for key in keys)


def test_phone_numbers_compare_on_their_digits():
    assert normalise_target("06 12 34 56 78") == normalise_target("+33612345678")
