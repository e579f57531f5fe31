"""A sage-femme of the care team orients a family, after recording consent."""

import pytest

from millejours.orientations.models import Orientation, State
from tests.orientations.helpers import partner_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_sagefemme_orients_a_family(browser_login, sagefemme, family, partner):
    partner_service(partner)
    page = browser_login(sagefemme)
    page.goto(f"/orientations/famille/{family.pk}/nouvelle/")
    page.get_by_role("heading", name=f"Orienter la famille {family.display_name}").wait_for()
    page.get_by_label("Service vers lequel orienter").select_option(
        label="Groupe de parole jeunes parents (Association Les Premiers Pas) "
    )
    page.get_by_label("Motif de l'orientation").fill("Isolement après la naissance.")
    page.get_by_role("button", name="Envoyer l'orientation").click()
    # Consent is required: nothing is sent without it.
    page.get_by_text(
        "Le consentement de la famille est obligatoire pour orienter.", exact=True
    ).wait_for()
    assert Orientation.objects.count() == 0
    page.get_by_label("La famille a donné son accord", exact=False).check()
    page.get_by_role("button", name="Envoyer l'orientation").click()
    page.get_by_text("Orientation envoyée à « Groupe de parole jeunes parents ».").wait_for()
    assert page.get_by_role("heading", name="Historique").is_visible()
    orientation = Orientation.objects.get()
    assert orientation.state == State.SENT
    assert orientation.created_by == sagefemme
