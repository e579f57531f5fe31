"""The prevention check-up end to end: a parent fills it on her phone, the sage-femme
builds a plan with two goals, and the review date shows in the worklist and the calendar."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories
from tests.auth import browser_complete_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _login(page, user):
    page.goto("/comptes/connexion/")
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill(factories.PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    browser_complete_login(page, user)


def test_parent_on_her_phone_then_sage_femme_plan_then_worklist_and_calendar(
    browser, live_server, page, parent, sagefemme, family
):
    phone_context = browser.new_context(
        locale="fr-FR", timezone_id="Europe/Paris", base_url=live_server.url, **PHONE
    )
    phone_context.set_default_timeout(15_000)
    phone = phone_context.new_page()
    try:
        _login(phone, parent)
        phone.goto("/bilan-prevention/mon-bilan/")
        consommations = phone.get_by_role("region", name="2. Consommations")
        consommations.get_by_role(
            "group", name="Fumez-vous du tabac ou vapotez-vous ?"
        ).get_by_label("Oui").check()
        consommations.get_by_role("group", name="Vrai ou faux ?", exact=False).get_by_label(
            "Vrai", exact=True
        ).check()
        consommations.get_by_role("group", name="Voulez-vous en parler", exact=False).get_by_label(
            "Oui"
        ).check()
        consommations.get_by_label("Est-ce important", exact=False).select_option("9")
        consommations.get_by_label("Vous sentez-vous capable", exact=False).select_option("4")
        fits = phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert fits, "the check-up form scrolls sideways on a phone"
        phone.get_by_role("button", name="Envoyer mon bilan").click()
        phone.get_by_role("heading", name="Merci, votre bilan est envoyé").wait_for()
        assert phone.get_by_text("zéro alcool", exact=False).is_visible()

        _login(page, sagefemme)
        page.goto(f"/bilan-prevention/familles/{family.pk}/")
        page.get_by_role("link", name="Bilan prévention du", exact=False).first.click()
        page.get_by_role("heading", name="Repérages à confirmer avec la personne").wait_for()
        review_on = timezone.localdate() + timedelta(days=3)
        goals = [
            ("consommations", "Fumer moins le matin", "Appeler le 39 89"),
            ("repos", "Faire une sieste quand bébé dort", ""),
        ]
        for number, (domain, words, steps) in enumerate(goals, start=1):
            box = page.get_by_role("group", name=f"Objectif {number}")
            box.get_by_label("Domaine").select_option(domain)
            box.get_by_label("L'objectif, avec les mots de la personne").fill(words)
            if steps:
                box.get_by_label("Premiers pas").fill(steps)
            box.get_by_label("À revoir le").fill(review_on.isoformat())
        page.get_by_label("La personne accepte que son équipe de soins voie ce plan").check()
        page.get_by_role("button", name="Enregistrer le plan").click()
        page.get_by_role("heading", name="Fumer moins le matin").wait_for()
        assert page.get_by_role("heading", name="Faire une sieste quand bébé dort").is_visible()

        shown = review_on.strftime("%d/%m/%Y")
        page.goto("/familles/liste-de-travail/")
        panel = page.get_by_role("region", name="Objectifs de prévention à revoir", exact=False)
        assert panel.get_by_text(f"à revoir le {shown}").count() == 2

        phone.goto("/familles/mon-calendrier/")
        goals_panel = phone.get_by_role("region", name="Mes objectifs de prévention")
        assert goals_panel.get_by_text("Fumer moins le matin").is_visible()
        assert goals_panel.get_by_text(shown).first.is_visible()
    finally:
        phone_context.close()
