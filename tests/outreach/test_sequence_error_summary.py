"""The SMS sequence editor shows the shared error summary, linked to its fields."""

import pytest
from django.urls import reverse

from tests.error_summary import summary_links

pytestmark = pytest.mark.django_db


def test_an_invalid_sequence_has_an_error_summary_linked_to_its_fields(login, coordinator):
    response = login(coordinator).post(reverse("outreach:sequence_new"), {"name": ""})
    links = summary_links(response.content.decode())
    assert "id_name" in links and "id_weekdays_0" in links
