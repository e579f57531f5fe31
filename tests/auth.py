"""How tests get past the second factor (TOTP, django-otp), owned by the trust app.

- ``mark_second_factor_verified(client, user)``: after ``client.force_login(user)``, gives
  the user a confirmed TOTP device (when their role requires one, or when they already
  have one) and marks the client's session as verified with it, exactly as
  ``django_otp.login`` does after a valid code.
- ``browser_complete_login(page, user)``: after the password was submitted in a browser,
  types a valid TOTP code (computed from the device key) on the verification page.
"""

from __future__ import annotations

import re


def _device_for(user, *, create: bool):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and create:
        device = TOTPDevice.objects.create(user=user, name="Appareil de test", confirmed=True)
    return device


def _owes_second_factor(user) -> bool:
    from millejours.accounts.mfa import mfa_required_for

    return mfa_required_for(user)


def current_totp(device) -> str:
    """The TOTP code the person's application would show right now."""
    from django_otp.oath import totp

    code = totp(
        device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift
    )
    return str(code).zfill(device.digits)


def mark_second_factor_verified(client, user) -> None:
    from django_otp import DEVICE_ID_SESSION_KEY

    device = _device_for(user, create=_owes_second_factor(user))
    if device is None:
        return
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def browser_complete_login(page, user) -> None:
    from django.urls import reverse

    page.wait_for_load_state()
    device = _device_for(user, create=False)
    if not _owes_second_factor(user) and device is None:
        return
    otp_pages = re.compile(r"/comptes/double-authentification/")
    page.wait_for_url(otp_pages)
    device = _device_for(user, create=True)
    # A code may be used once per 30 s step: let a second login in the same test pass.
    device.last_t = -1
    device.throttling_failure_count = 0
    device.save()
    if "/verifier/" not in page.url:
        page.goto(reverse("accounts:otp_verify") + "?" + page.url.partition("?")[2])
    page.get_by_label("Code de vérification").fill(current_totp(device))
    page.get_by_role("button", name="Vérifier").click()
    page.wait_for_url(lambda url: not otp_pages.search(url))
