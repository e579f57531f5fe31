"""Error summaries of the pathway forms with several parts or their own markup: creating a
family (four forms, one summary) and the territory search."""

import pytest
from django.urls import reverse

from tests.error_summary import summary_links

pytestmark = pytest.mark.django_db


def test_an_empty_family_form_has_one_summary_for_its_four_parts(login, sagefemme):
    html = login(sagefemme).post(reverse("pathway:family_create"), {}).content.decode()
    links = summary_links(html)
    assert any(link.startswith("id_parent1-") for link in links)
    assert any(link.startswith("id_grossesse-") for link in links)


def test_a_too_short_territory_search_links_to_the_search_field(login, outsider):
    url = reverse("pathway:territory_search")
    html = login(outsider).get(url, {"q": "ab"}).content.decode()
    assert summary_links(html) == ["t-q"]
    assert "Saisissez au moins 3 caractères." in html
