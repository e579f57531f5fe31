"""Every role except parents must pass a TOTP second factor; parents may opt in."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.auth import current_totp

pytestmark = pytest.mark.django_db

VERIFY = reverse("accounts:otp_verify")
SETUP = reverse("accounts:otp_setup")


@pytest.mark.parametrize("persona", ["sagefemme", "coordinator", "partner", "admin_user"])
def test_staff_session_without_second_factor_is_sent_to_the_otp_pages(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/familles/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


def test_staff_without_device_is_sent_on_to_enrolment(client, sagefemme):
    client.force_login(sagefemme)
    response = client.get(VERIFY + "?next=/familles/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)


def test_parent_without_device_is_not_asked_for_a_second_factor(client, parent):
    client.force_login(parent)
    response = client.get(reverse("core:home"))
    assert not response.get("Location", "").startswith(VERIFY)


def test_parent_who_enrolled_a_device_must_use_it(client, parent):
    TOTPDevice.objects.create(user=parent, name="tel", confirmed=True)
    client.force_login(parent)
    assert client.get("/").status_code == 302
    assert client.get("/")["Location"].startswith(VERIFY)


def test_htmx_requests_get_an_hx_redirect(client, sagefemme):
    client.force_login(sagefemme)
    response = client.get("/familles/", HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(VERIFY)


def redeem_enrolment_link(client, user):
    """What the person does with the one-time link received by e-mail (accounts.enrolment)."""
    from millejours.accounts.enrolment import issue_link

    _, url = issue_link(user)
    client.post(url.partition("testserver")[2] or url[url.index("/comptes/") :])


def test_enrolment_shows_a_qr_code_then_recovery_codes(client, sagefemme):
    client.force_login(sagefemme)
    redeem_enrolment_link(client, sagefemme)
    page = client.get(SETUP)
    assert page.status_code == 200
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=sagefemme, confirmed=False)
    done = client.post(SETUP, {"code": current_totp(device), "next": "/"})
    assert done.status_code == 200
    assert "Vos codes de secours" in done.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert StaticDevice.objects.get(user=sagefemme).token_set.count() == 10
    assert client.get("/").get("Location", "") != VERIFY + "?next=%2F"


def test_wrong_code_at_enrolment_confirms_nothing(client, sagefemme):
    client.force_login(sagefemme)
    redeem_enrolment_link(client, sagefemme)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert "pas valide" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=sagefemme, confirmed=True).exists()


def test_valid_totp_code_verifies_the_session(client, sagefemme):
    device = TOTPDevice.objects.create(user=sagefemme, name="tel", confirmed=True)
    client.force_login(sagefemme)
    response = client.post(VERIFY, {"code": current_totp(device), "next": "/familles/"})
    assert response.status_code == 302
    assert response["Location"] == "/familles/"
    assert not client.get("/familles/").get("Location", "").startswith(VERIFY)


def test_wrong_code_is_refused(client, sagefemme):
    TOTPDevice.objects.create(user=sagefemme, name="tel", confirmed=True)
    client.force_login(sagefemme)
    response = client.post(VERIFY, {"code": "123456"})
    assert response.status_code == 200
    assert "pas valide" in response.content.decode()


def test_a_recovery_code_works_once(client, sagefemme):
    from millejours.accounts.mfa import new_recovery_codes

    TOTPDevice.objects.create(user=sagefemme, name="tel", confirmed=True)
    code = new_recovery_codes(sagefemme)[0]
    client.force_login(sagefemme)
    assert client.post(VERIFY, {"code": code})["Location"] == "/"
    client.logout()
    client.force_login(sagefemme)
    assert client.post(VERIFY, {"code": code}).status_code == 200


def test_next_url_pointing_elsewhere_is_ignored(client, sagefemme):
    device = TOTPDevice.objects.create(user=sagefemme, name="tel", confirmed=True)
    client.force_login(sagefemme)
    response = client.post(VERIFY, {"code": current_totp(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_demo_setting_relaxes_the_requirement(client, sagefemme, settings):
    settings.MILLEJOURS_MFA_REQUIRED = False
    client.force_login(sagefemme)
    assert not client.get("/familles/").get("Location", "").startswith(VERIFY)


def test_login_fixture_passes_the_second_factor(login, sagefemme):
    client = login(sagefemme)
    assert not client.get("/familles/").get("Location", "").startswith(VERIFY)


def test_enrolling_a_new_app_replaces_the_old_one_and_is_audited(sagefemme):
    from millejours.accounts.mfa import totp_confirm, totp_pending_device
    from millejours.audit.models import AuditEvent

    old = TOTPDevice.objects.create(user=sagefemme, name="ancien téléphone", confirmed=True)
    device = totp_pending_device(sagefemme)
    assert totp_pending_device(sagefemme) == device  # one pending app, not one per visit
    codes = totp_confirm(sagefemme, device)
    assert len(codes) == 10
    assert list(TOTPDevice.objects.filter(user=sagefemme, confirmed=True)) == [device]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(actor=sagefemme, action="auth.otp_enrolled").count() == 1


def test_renewing_the_recovery_codes_voids_the_old_ones_and_is_audited(sagefemme):
    from django_otp.plugins.otp_static.models import StaticToken

    from millejours.accounts.mfa import new_recovery_codes, recovery_codes_renew
    from millejours.audit.models import AuditEvent

    old = new_recovery_codes(sagefemme)
    new = recovery_codes_renew(sagefemme)
    stored = set(StaticToken.objects.filter(device__user=sagefemme).values_list("token", flat=True))
    assert stored == set(new) and not stored & set(old)
    assert AuditEvent.objects.filter(action="auth.recovery_codes_renewed").count() == 1
