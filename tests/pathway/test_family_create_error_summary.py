"""Creating a family: four forms, one error summary linked to their fields."""

import pytest
from django.urls import reverse

from tests.error_summary import summary_links

pytestmark = pytest.mark.django_db


def test_an_empty_family_form_has_one_summary_for_its_four_parts(login, sagefemme):
    html = login(sagefemme).post(reverse("pathway:family_create"), {}).content.decode()
    links = summary_links(html)
    assert any(link.startswith("id_parent1-") for link in links)
    assert any(link.startswith("id_grossesse-") for link in links)
