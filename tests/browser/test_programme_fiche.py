import pytest

from millejours.programme.models import Fiche


@pytest.mark.browser
def test_the_coordinator_creates_a_fiche_with_an_added_action(
    transactional_db, page, browser_login, coordinator
):
    browser_login(coordinator)
    page.goto("/programme/fiches/nouvelle/")
    page.get_by_label("Libellé de l'action").fill("Ateliers portage et sommeil")
    page.get_by_label("Objectif général").fill("Soutenir les jeunes parents")
    page.get_by_label("6. Place du père ou du second parent dans les 1000 jours").check()
    page.get_by_label("Objectif opérationnel (ligne 1)").fill("Proposer des ateliers aux parents")
    page.get_by_label("Action (ligne 1)").fill("Atelier portage")
    page.get_by_role("button", name="Ajouter une action").click()
    page.get_by_label("Action (ligne 2)").fill("Atelier sommeil")
    assert page.get_by_label("Action (ligne 1)").input_value() == "Atelier portage"
    page.get_by_role("button", name="Enregistrer la fiche").click()
    page.get_by_role("heading", name="Ateliers portage et sommeil", level=1).wait_for()
    fiche = Fiche.objects.get()
    assert [a.text for a in fiche.actions.all()] == ["Atelier portage", "Atelier sommeil"]
    assert list(fiche.call_objectives.values_list("code", flat=True)) == [6]
