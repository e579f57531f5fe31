"""A second factor is never enrolled with the password alone (issue 11 item 5).

Outside demo mode, a professional without a device enrols only through a one-time link,
e-mailed to the account's address or handed over by an administrator.
"""

import io
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from millejours.accounts import enrolment
from millejours.accounts.enrolment import issue_link
from millejours.accounts.models import EnrolmentLink
from millejours.audit.models import AuditEvent
from tests.auth import current_totp
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
SETUP = reverse("accounts:otp_setup")


def password_login(client, user, next_url="/familles/"):
    return client.post(
        f"{reverse('accounts:login')}?next={next_url}",
        {"username": user.email, "password": PASSWORD},
        follow=True,
    )


def path_of(url: str) -> str:
    return url[url.index("/comptes/") :]


def link_in_last_mail() -> str:
    return next(
        line for line in mail.outbox[-1].body.splitlines() if "/inscription/" in line
    ).strip()


def test_after_a_password_login_the_professional_is_asked_for_an_enrolment_link(client, sagefemme):
    page = password_login(client, sagefemme)
    text = page.content.decode()
    assert "Demandez un lien d'inscription" in text
    assert "<svg" not in text and not TOTPDevice.objects.filter(user=sagefemme).exists()
    client.post(SETUP, {"code": "123456"})
    assert not TOTPDevice.objects.filter(user=sagefemme).exists()


def test_the_link_is_e_mailed_to_the_account_and_stored_hashed(client, sagefemme):
    password_login(client, sagefemme)
    client.post(reverse("accounts:otp_request_link"))
    assert mail.outbox[-1].to == [sagefemme.email]
    token = link_in_last_mail().rstrip("/").rsplit("/", 1)[1]
    link = EnrolmentLink.objects.get(user=sagefemme)
    assert token not in link.token_hash and len(link.token_hash) == 64
    client.post(reverse("accounts:otp_request_link"))
    assert len(mail.outbox) == 1  # asking again at once sends nothing more


def test_a_link_enrols_once_then_is_refused(client, sagefemme):
    password_login(client, sagefemme)
    _, url = issue_link(sagefemme)
    assert client.get(path_of(url)).status_code == 200  # a GET (mail scanner) does not use it
    assert client.post(path_of(url))["Location"] == SETUP
    assert b"<svg" in client.get(SETUP).content
    device = TOTPDevice.objects.get(user=sagefemme, confirmed=False)
    assert (
        "Vos codes de secours"
        in client.post(SETUP, {"code": current_totp(device)}).content.decode()
    )
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    client.logout()
    password_login(client, sagefemme)
    assert client.post(path_of(url)).status_code == 410


def test_the_link_works_from_a_logged_out_browser_after_the_password(client, sagefemme):
    _, url = issue_link(sagefemme)
    assert client.get(path_of(url))["Location"].startswith(reverse("accounts:login"))
    page = password_login(client, sagefemme, next_url=path_of(url))
    assert "Continuer l'inscription" in page.content.decode()


def test_an_expired_link_is_refused(client, sagefemme):
    link, url = issue_link(sagefemme)
    EnrolmentLink.objects.filter(pk=link.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    password_login(client, sagefemme)
    assert client.post(path_of(url)).status_code == 410
    assert "Demandez un lien d'inscription" in client.get(SETUP).content.decode()


def test_a_new_link_revokes_the_previous_one(client, sagefemme):
    _, first = issue_link(sagefemme)
    issue_link(sagefemme)
    password_login(client, sagefemme)
    assert client.post(path_of(first)).status_code == 410


def test_a_link_for_another_account_is_refused_and_not_used(client, sagefemme, outsider):
    link, url = issue_link(outsider)
    password_login(client, sagefemme)
    assert client.post(path_of(url)).status_code == 403
    assert EnrolmentLink.objects.get(pk=link.pk).used_at is None


def test_a_link_given_by_an_admin_replaces_a_lost_phone(client, sagefemme):
    TOTPDevice.objects.create(user=sagefemme, name="téléphone perdu", confirmed=True)
    password_login(client, sagefemme)
    assert client.get(SETUP)["Location"].startswith(reverse("accounts:otp_verify"))
    _, url = issue_link(sagefemme)
    client.post(path_of(url))
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=sagefemme, confirmed=False)
    client.post(SETUP, {"code": current_totp(device)})
    assert list(TOTPDevice.objects.filter(user=sagefemme).values_list("name", flat=True)) == [
        device.name
    ]


def test_demo_mode_still_enrols_right_after_the_password(client, sagefemme, settings):
    settings.DEMO_MODE = True
    password_login(client, sagefemme)
    assert b"<svg" in client.get(SETUP).content


def test_the_admin_action_e_mails_a_link(client, admin_user, sagefemme, login):
    admin_client = login(admin_user)
    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "send_enrolment_link", "_selected_action": [sagefemme.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert mail.outbox[-1].to == [sagefemme.email]
    assert EnrolmentLink.objects.get(user=sagefemme).created_by == admin_user


def test_the_command_prints_a_link_or_sends_it(sagefemme):
    out = io.StringIO()
    call_command("enrolment_link", sagefemme.email, stdout=out)
    assert "/comptes/double-authentification/inscription/" in out.getvalue()
    call_command("enrolment_link", sagefemme.email, "--send", stdout=io.StringIO())
    assert mail.outbox[-1].to == [sagefemme.email]
    assert EnrolmentLink.objects.filter(user=sagefemme).count() == 2


def test_the_command_refuses_an_unknown_account(db):
    with pytest.raises(CommandError) as exc:
        call_command("enrolment_link", "personne@inconnue.fr")
    assert exc.value.returncode == 2 and "Aucun compte actif" in str(exc.value)


def _session_request(user):
    request = RequestFactory().post("/")
    request.user, request.session = user, SessionStore()
    return request


def test_only_the_link_s_owner_redeems_it_even_outside_the_page(sagefemme, outsider):
    """``redeem`` itself refuses a link of another account: nothing used, no grant."""
    link, _ = issue_link(outsider)
    request = _session_request(sagefemme)
    with pytest.raises(PermissionDenied):
        enrolment.redeem(request, link)
    assert EnrolmentLink.objects.get(pk=link.pk).used_at is None
    assert enrolment.SESSION_KEY not in request.session
    assert not AuditEvent.objects.filter(action="auth.enrolment_link_used").exists()
    owner_request = _session_request(outsider)
    assert enrolment.redeem(owner_request, link)
    assert enrolment.has_enrolment_grant(owner_request, outsider)
