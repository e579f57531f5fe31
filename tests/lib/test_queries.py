"""Search forms filter only on the fields the person filled in."""

from millejours.accounts.models import User
from millejours.lib.queries import filter_given


def test_empty_values_leave_the_queryset_as_it_is(sagefemme, outsider):
    qs = filter_given(User.objects.all(), email="", first_name=None, is_staff=False)
    assert set(qs) == {sagefemme, outsider}


def test_each_given_value_narrows_the_queryset(sagefemme, outsider):
    qs = filter_given(User.objects.all(), email=sagefemme.email, first_name="")
    assert list(qs) == [sagefemme]
    both = filter_given(User.objects.all(), email=sagefemme.email, last_name="nobody")
    assert not both.exists()
