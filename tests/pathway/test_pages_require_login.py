"""Every pathway page needs a login, except the iCal feed and the invitation (secret tokens)."""

import pytest
from django.urls import reverse

from millejours.pathway import urls
from tests.urlconf import named_patterns

pytestmark = pytest.mark.django_db
PUBLIC = {"ical_feed", "invitation_accept"}
ARGS = {"family_id": 1, "pregnancy_id": 1, "milestone_id": 1, "member_id": 1, "token": "x"}
CONVERTERS = dict(named_patterns(urls.urlpatterns))


@pytest.mark.parametrize("name", sorted(set(CONVERTERS) - PUBLIC))
def test_anonymous_visitors_are_sent_to_the_login_page(client, name):
    url = reverse(f"pathway:{name}", kwargs={k: ARGS[k] for k in CONVERTERS[name]})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_pages_answer_404_to_an_unknown_token(client, name):
    assert client.get(reverse(f"pathway:{name}", args=["inconnu"])).status_code == 404
