"""Reads of the outreach domain."""

from __future__ import annotations

from django.db.models import Count

from .models import MessageStatus, OutboundMessage

# The four figures of ``outreach status`` and of the outreach page, by message status:
# waiting to be sent (queued, or claimed by a sender right now), handed to the operator
# (sent, delivered), failed for good, and to check with the operator (unknown outcome).
STATUS_GROUPS: dict[str, tuple[str, ...]] = {
    "queued": (MessageStatus.QUEUED, MessageStatus.SENDING),
    "sent": (MessageStatus.SENT, MessageStatus.DELIVERED),
    "failed": (MessageStatus.FAILED,),
    "to_check": (MessageStatus.TO_CHECK,),
}
STATUS_LABELS = {
    "queued": "À envoyer",
    "sent": "Envoyés",
    "failed": "En échec",
    "to_check": "À vérifier auprès de l'opérateur",
}


def outbox_status() -> dict[str, int]:
    """``{"queued", "sent", "failed", "to_check"}`` message counts (cancelled ones left out)."""
    counts = dict(OutboundMessage.objects.values_list("status").annotate(n=Count("id")).order_by())
    return {
        key: sum(counts.get(status, 0) for status in statuses)
        for key, statuses in STATUS_GROUPS.items()
    }
