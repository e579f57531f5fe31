"""A partner without an account accepts an orientation through the signed link."""

import pytest

from millejours.orientations import links
from millejours.orientations.models import State
from tests.orientations.helpers import orientation, partner_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_accepts_through_the_link(page, sagefemme, family):
    item = orientation(family, sagefemme, partner_service())
    page.goto(f"/orientations/lien/{links.make_token(item)}/")
    page.get_by_role("heading", name="Orientation vers Groupe de parole jeunes parents").wait_for()
    assert page.get_by_text("Camille").is_visible()
    assert page.get_by_text("Castanet-Tolosan").is_visible()
    page.get_by_role("button", name="Accepter l'orientation").click()
    page.get_by_text("Réponse enregistrée : acceptée.").wait_for()
    item.refresh_from_db()
    assert item.state == State.ACCEPTED
