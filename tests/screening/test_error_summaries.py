"""The EPDS questionnaire (its own markup) shows the shared error summary, each unanswered
question linked to its first answer."""

import pytest

from tests.error_summary import summary_links

from .helpers import epds_for_points

pytestmark = pytest.mark.django_db


def test_an_unanswered_epds_links_every_missing_item(client):
    answers = epds_for_points([0] * 10)
    first = next(iter(answers))
    response = client.post("/reperage/epds/test/", {first: answers[first]})
    links = summary_links(response.content.decode())
    assert len(links) == 9 and all(link.endswith("_0") for link in links)
