"""In a browser: the parent reads « Qui a consulté mon dossier »; staff pass the TOTP step."""

import pytest
from playwright.sync_api import expect

from millejours.pathway.selectors import get_family_for_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_parent_reads_who_consulted_their_record(browser_login, parent, family, sagefemme):
    get_family_for_user(
        sagefemme, family.pk, page="pathway:family_detail", path=f"/familles/{family.pk}/"
    )
    page = browser_login(parent)
    page.goto("/confiance/mon-dossier/consultations/")
    expect(page.get_by_role("heading", name="Qui a consulté mon dossier")).to_be_visible()
    table = page.get_by_role("table", name="Consultations de votre dossier")
    expect(table).to_contain_text("Sophie Martin")
    expect(table).to_contain_text("Sage-femme")
    expect(table).to_contain_text("Dossier de la famille")


def test_staff_member_logs_in_with_a_totp_code(browser_login, sagefemme, family):
    page = browser_login(sagefemme)
    assert "/double-authentification/" not in page.url
    page.goto(f"/familles/{family.pk}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/double-authentification/" not in page.url


def test_staff_member_enrols_a_device_on_first_login_through_an_enrolment_link(page, sagefemme):
    from django.core import mail
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests import factories
    from tests.auth import current_totp

    page.goto("/comptes/connexion/")
    page.get_by_label("Adresse électronique").fill(sagefemme.email)
    page.get_by_label("Mot de passe").fill(factories.PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Demandez un lien d'inscription")).to_be_visible()
    page.get_by_role("button", name="Recevoir un lien d'inscription par courriel").click()
    expect(page.get_by_text("Un lien d'inscription a été envoyé")).to_be_visible()
    link = next(
        line for line in mail.outbox[-1].body.splitlines() if "/inscription/" in line
    ).strip()
    page.goto(link[link.index("/comptes/") :])
    page.get_by_role("button", name="Continuer l'inscription").click()
    expect(page.get_by_role("heading", name="Activer la double authentification")).to_be_visible()
    expect(page.get_by_role("img", name="Code QR à scanner avec votre application")).to_be_visible()
    device = TOTPDevice.objects.get(user=sagefemme, confirmed=False)
    page.get_by_label("Code de vérification").fill(current_totp(device))
    page.get_by_role("button", name="Activer").click()
    expect(page.get_by_role("heading", name="Vos codes de secours")).to_be_visible()
