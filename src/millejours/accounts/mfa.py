"""Who owes a second factor (TOTP), and the writes of the OTP pages (enrolment, recovery codes)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, transaction
from django_otp import device_classes
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from millejours.audit.services import record_event

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .models import User

RECOVERY_CODES = 10


def mfa_required_for(user: Any) -> bool:
    """Every role except parents must use a second factor (unless relaxed for the demo)."""
    if not user.is_authenticated:
        return False
    if user.is_parent and not user.is_superuser:
        return False
    return bool(settings.MILLEJOURS_MFA_REQUIRED)


def needs_second_factor(user: Any, request: HttpRequest | None = None) -> bool:
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
    return has_confirmed_device(user)


@lru_cache(maxsize=1)
def _confirmed_device_sql() -> str:
    """One ``SELECT`` over every device model's table (``device_classes()`` walks every
    installed model, so it is read once per process)."""
    quote = connection.ops.quote_name
    selects = [
        f"SELECT 1 FROM {quote(model._meta.db_table)} "
        f"WHERE {quote(model._meta.get_field('user').column)} = %s "
        f"AND {quote(model._meta.get_field('confirmed').column)}"
        for model in device_classes()
    ]
    return " UNION ALL ".join(selects) + " LIMIT 1"


def has_confirmed_device(user: User) -> bool:
    """``django_otp.user_has_device(user, confirmed=True)`` in one short query: it is asked
    on every request of a person whom the role does not oblige to a second factor."""
    sql = _confirmed_device_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk] * sql.count("%s"))
        return cursor.fetchone() is not None


def confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def new_recovery_codes(user: User) -> list[str]:
    """Replace the person's recovery codes with ``RECOVERY_CODES`` fresh ones."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Codes de secours")
    device.confirmed = True
    device.save()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def totp_pending_device(user: User) -> TOTPDevice:
    """The authenticator app being enrolled: created unconfirmed on the first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Application d'authentification", confirmed=False
        )
    return device


@transaction.atomic
def totp_confirm(user: User, device: TOTPDevice) -> list[str]:
    """The person typed a valid code of ``device``: it replaces any earlier app, fresh recovery
    codes are issued (returned, shown once) and the enrolment is audited."""
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(user)
    record_event(actor=user, action="auth.otp_enrolled", obj=user)
    return codes


@transaction.atomic
def recovery_codes_renew(user: User) -> list[str]:
    """Replace the recovery codes at the person's request (audited); the new codes, shown once."""
    codes = new_recovery_codes(user)
    record_event(actor=user, action="auth.recovery_codes_renewed", obj=user)
    return codes
