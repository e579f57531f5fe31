"""Adapters for real SMS operators (besides the generic ``backends.HttpSmsBackend``).

Each operator module offers a sending backend (``OUTREACH_SMS_BACKEND`` =
``millejours.outreach.operators.<name>.Backend``) and ``parse_callback(request)``, which
turns the operator's own webhook call (delivery receipt or reply) into ``CallbackEvent``s.
The view ``outreach:webhook_operator`` authenticates the call (``OUTREACH_OPERATOR_WEBHOOK_TOKEN``:
``Authorization: Bearer <token>`` or ``?jeton=<token>`` in the URL given to the operator),
refuses stale timestamps and remembers each event id (``webhooks.once``), as for the
generic webhooks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib import import_module

OPERATORS = {
    "brevo": "millejours.outreach.operators.brevo",
    "ovh": "millejours.outreach.operators.ovh",
}


class CallbackError(ValueError):
    """The call is not a readable receipt/reply of this operator (answered 400)."""


@dataclass(frozen=True)
class CallbackEvent:
    kind: str  # "receipt" or "inbound"
    event_id: str  # operator's own ids, unique per event (remembered against replays)
    sent_at: datetime | None  # the operator's event time (None: the operator gives none)
    provider_id: str = ""  # receipt: the operator's message id (``OutboundMessage.provider_id``)
    key: str = ""  # receipt: our idempotency key when the operator echoes it (tag)
    status: str = ""  # receipt: "delivered" or "failed"
    error: str = ""
    phone: str = ""  # inbound: the sender's number
    text: str = ""  # inbound: the reply


def get_operator(name: str):
    """The operator module (``parse_callback``, ``Backend``), or ``None`` for an unknown name."""
    return import_module(OPERATORS[name]) if name in OPERATORS else None
