"""Lockout after repeated failures, inactivity timeout, password reset by e-mail."""

import re
import time

import pytest
from django.core import mail
from django.urls import reverse

from millejours.accounts.middleware import LAST_SEEN_SESSION_KEY
from tests import factories

pytestmark = pytest.mark.django_db
LOGIN = "/comptes/connexion/"


def attempt(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password})


def test_account_is_locked_after_repeated_failures(client, sagefemme, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        attempt(client, sagefemme.email, "mauvais-mot-de-passe")
    response = attempt(client, sagefemme.email, factories.PASSWORD)
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()


def test_failed_login_shows_a_french_message(client, sagefemme):
    response = attempt(client, sagefemme.email, "mauvais")
    assert "Adresse électronique ou mot de passe incorrect." in response.content.decode()


def test_correct_password_leads_staff_to_the_second_factor(client, sagefemme):
    response = attempt(client, sagefemme.email, factories.PASSWORD)
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert follow["Location"].startswith(reverse("accounts:otp_verify"))


def test_idle_session_expires(login, sagefemme, settings):
    settings.MILLEJOURS_SESSION_IDLE_MINUTES = 30
    client = login(sagefemme)
    client.get("/familles/")
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = time.time() - 31 * 60
    session.save()
    response = client.get("/familles/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_active_session_is_kept(login, sagefemme):
    client = login(sagefemme)
    client.get("/familles/")
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = time.time() - 10 * 60
    session.save()
    assert not client.get("/familles/").get("Location", "").startswith(reverse("accounts:login"))


def test_password_reset_by_email(client, parent):
    response = client.post(reverse("accounts:password_reset"), {"email": parent.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "réinitialiser le mot de passe" in body
    link = re.search(r"https?://[^/]+(/comptes/mot-de-passe/nouveau/\S+)", body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    post_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(
        post_url,
        {
            "new_password1": "Un-nouveau-mot-de-passe-42",
            "new_password2": "Un-nouveau-mot-de-passe-42",
        },
    )
    assert done.status_code == 302
    parent.refresh_from_db()
    assert parent.check_password("Un-nouveau-mot-de-passe-42")


def test_password_reset_does_not_reveal_unknown_addresses(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "inconnu@exemple.fr"})
    assert response.status_code == 302
    assert mail.outbox == []
