"""A sage-femme of the care team fills and signs the EPP grid in a real browser."""

import pytest

from millejours.screening.models import FlagStatus, Response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOMAINS = [
    "Consommation",
    "Violences conjugales",
    "Difficultés de logement",
    "Isolement, manque",
    "Anxiété, humeur",
    "Un parent est-il",
    "Grossesse non prévue",
    "Barrière de la langue",
    # Version 2 of the grid (issue 10): general health, work, co-parent, prevention.
    "Suivi de la grossesse",
    "Conditions de travail",
    "Le co-parent",
    "Besoin d'informations",
]


def test_sage_femme_fills_the_epp(page, browser_login, sagefemme, family):
    browser_login(sagefemme)
    page.goto(f"/reperage/familles/{family.pk}/epp/")
    page.get_by_role("group", name="Entretien mené avec").get_by_label("Le couple").check()
    for start in DOMAINS:
        group = page.get_by_role("group", name=start, exact=False)
        group.get_by_label("Oui" if start == "Isolement, manque" else "Non", exact=True).check()
    # Details are asked only for a positive domain (progressive enhancement).
    assert not page.get_by_label("Violences : précisions").is_visible()
    page.get_by_label("Isolement : précisions").fill("Arrivée récente, pas de famille à proximité")
    page.get_by_label("Projet de naissance").fill("Accouchement à la maternité de proximité")
    page.get_by_role("button", name="Signer l'entretien").click()
    page.get_by_role("heading", name="Repérages et orientations proposées").wait_for()
    assert page.get_by_text("Groupes de parents").first.is_visible()
    page.get_by_label(
        "La famille consent au partage de ce repérage avec son équipe de soins"
    ).check()
    page.get_by_role("button", name="Enregistrer la décision (Isolement)").click()
    page.get_by_text("Le repérage est enregistré.").wait_for()
    response = Response.objects.get(family=family, questionnaire="epp")
    flag = response.flags.get()
    assert (flag.domain, flag.status, flag.consent_share) == (
        "isolement",
        FlagStatus.CONFIRMED,
        True,
    )
    assert response.answers["participants"] == "couple"
