import re
from datetime import timedelta

import pytest
from django.utils import timezone

from millejours.programme.models import Event, Registration, Session


@pytest.mark.browser
def test_a_parent_registers_to_a_workshop_then_the_next_goes_to_the_waiting_list(
    transactional_db, page
):
    event = Event.objects.create(
        title="Atelier alimentation et oralité",
        kind="groupe_information",
        theme="nutrition_oralite",
        is_public=True,
    )
    Session.objects.create(
        event=event,
        starts_at=timezone.now() + timedelta(days=8),
        capacity=1,
        place="Salle des fêtes",
    )
    for first, email in [("Alix", "alix@exemple.test"), ("Noé", "noe@exemple.test")]:
        page.goto("/programme/ateliers/")
        page.get_by_role("link", name="Voir et s'inscrire").click()
        page.get_by_label("Prénom").fill(first)
        page.get_by_label(re.compile(r"^Nom")).fill("Durand")
        page.get_by_label("Adresse électronique").fill(email)
        page.get_by_label("J'accepte que mes coordonnées").check()
        page.get_by_role("button", name="M'inscrire").click()
        page.get_by_role("heading", level=1).wait_for()
    assert page.get_by_role("heading", level=1).inner_text() == "Vous êtes sur la liste d'attente"
    assert dict(Registration.objects.values_list("email", "status")) == {
        "alix@exemple.test": "confirmee",
        "noe@exemple.test": "attente",
    }
