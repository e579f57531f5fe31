"""The effects of an operator's call, whatever its format: a reply (STOP or not), a receipt.

Used by the generic webhooks (``views.webhook_inbound`` / ``webhook_receipt``) and by the
operators' own webhooks (``operator_views``). Each returns the JSON answer, or raises
``Invalid`` (answered 400: nothing applied, event id not remembered).
"""

from __future__ import annotations

from django.utils import timezone

from . import services
from .models import MessageStatus, OutboundMessage, OutreachContact, RecontactKind
from .validation import RowError, parse_mobile, strip_accents

STOP_WORDS = {
    "STOP",
    "STOPSMS",
    "ARRET",
    "ARRETER",
    "DESINSCRIPTION",
    "DESABONNEMENT",
    "UNSUBSCRIBE",
}
RECEIPT_STATUS = {
    "delivered": MessageStatus.DELIVERED,
    "delivre": MessageStatus.DELIVERED,
    "failed": MessageStatus.FAILED,
    "echec": MessageStatus.FAILED,
    "undelivered": MessageStatus.FAILED,
}


class Invalid(ValueError):
    pass


def is_stop(text: str) -> bool:
    word = "".join(c for c in strip_accents(text or "").upper() if c.isalpha())
    return word in STOP_WORDS or word.startswith("STOP")


def apply_inbound(raw_phone: str, text: str) -> dict:
    try:
        phone = parse_mobile(raw_phone or "")
    except RowError:
        raise Invalid("Numéro invalide.") from None
    contacts = list(OutreachContact.objects.filter(phone=phone))
    if not contacts:
        return {"status": "inconnu"}
    if is_stop(text):
        cancelled = services.contact_opt_out(contacts=contacts, channel="sms_stop")
        return {"status": "desinscrit", "cancelled": cancelled}
    last = (
        OutboundMessage.objects.filter(contact__in=contacts, sent_at__isnull=False)
        .select_related("contact__family")
        .order_by("-sent_at")
        .first()
    )
    family = last.contact.family if last else contacts[0].family
    services.recontact_record(
        family=family,
        kind=RecontactKind.REPLY,
        occurred_on=timezone.localdate(),
        user=None,
        note=str(text or "")[:500],
        message=last,
    )
    return {"status": "recontact"}


def apply_receipt(*, status: str, key: str = "", provider_id: str = "", error: str = "") -> dict:
    new_status = RECEIPT_STATUS.get(str(status or "").lower())
    if new_status is None or not (key or provider_id):
        raise Invalid("Accusé de réception incomplet.")
    messages_qs = (
        OutboundMessage.objects.filter(idempotency_key=key)
        if key
        else OutboundMessage.objects.filter(provider_id=provider_id)
    )
    changes: dict[str, object] = {"status": new_status}
    if new_status == MessageStatus.DELIVERED:
        changes["delivered_at"] = timezone.now()
    else:
        changes["last_error"] = str(error or "non remis")[:500]
    updated = messages_qs.filter(status__in=[MessageStatus.SENT, MessageStatus.DELIVERED]).update(
        **changes
    )
    return {"updated": updated}
