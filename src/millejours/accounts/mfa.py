"""Who owes a second factor (TOTP), and the helpers of the OTP pages."""

from __future__ import annotations

from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10


def mfa_required_for(user) -> bool:
    """Every role except parents must use a second factor (unless relaxed for the demo)."""
    if not user.is_authenticated:
        return False
    if user.is_parent and not user.is_superuser:
        return False
    return bool(settings.MILLEJOURS_MFA_REQUIRED)


def needs_second_factor(user, request=None) -> bool:
    """True when this session must still pass the second factor.

    Staff: always (when required). Parents: only when they chose to enrol a device.
    """
    if not user.is_authenticated:
        return False
    if user.is_verified():
        return False
    if request is not None and request.session.get("millejours_psc_login"):
        return False  # Pro Santé Connect: e-CPS / CPS card, already a strong authentication
    if mfa_required_for(user):
        return True
    return user_has_device(user, confirmed=True)


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def new_recovery_codes(user) -> list[str]:
    """Replace the person's recovery codes with ``RECOVERY_CODES`` fresh ones."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Codes de secours")
    device.confirmed = True
    device.save()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes
