"""The outbox worker: claim → send (idempotency key) → mark sent. Exactly once.

- **Claim**: in one transaction, the due messages are selected with
  ``SELECT … FOR UPDATE SKIP LOCKED`` (PostgreSQL: concurrent workers never take the same
  row) — on SQLite the transaction is ``BEGIN IMMEDIATE`` (settings), which serialises
  writers, so the same code is safe there — and moved to ``en_cours`` with a claim token.
- **Send**: the backend receives the idempotency key; **mark sent** only updates the row
  if the claim token is still ours.
- **Failure**: a temporary failure (network, time-out, 5xx, 429) puts the message back in
  the queue with exponential backoff (``OUTREACH_RETRY_BASE_SECONDS`` × 2^(attempt−1),
  at most ``OUTREACH_MAX_ATTEMPTS`` attempts); a permanent one marks it ``echec``.
- **Crash**: a message left ``en_cours`` longer than ``OUTREACH_CLAIM_LEASE_SECONDS``
  belongs to a dead worker. ``recover_stale`` asks the operator whether it received that
  key: yes → ``envoye`` (never resent); no → back in the queue (resumed once); cannot
  tell → ``a_verifier``, for a person to check with the operator. It is NEVER resent
  blindly: a double SMS is worse than a late one.
- **Stop conditions** are re-checked just before each send (opt-out, moved away, family
  closed, consent withdrawn, milestone done) so that STOP takes effect at once.
"""

from __future__ import annotations

import time as time_module
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from millejours.pathway.models import Milestone, MilestoneState

from .backends import BaseBackend, SendError, get_backend
from .models import MessageStatus, OutboundMessage, OutreachContact
from .planner import STAGES, consents_ok, contact_calendar, next_allowed


@dataclass
class WorkerStats:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0
    deferred: int = 0
    recovered: dict = field(default_factory=dict)

    def add(self, other: WorkerStats) -> None:
        for name in ("sent", "retried", "failed", "cancelled", "deferred"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def claim_batch(*, limit: int = 50, now: datetime | None = None) -> list[OutboundMessage]:
    now = now or timezone.now()
    token = uuid.uuid4().hex
    with transaction.atomic():
        ids = list(
            OutboundMessage.objects.select_for_update(skip_locked=True)
            .filter(status=MessageStatus.QUEUED, not_before__lte=now)
            .order_by("not_before", "id")
            .values_list("id", flat=True)[:limit]
        )
        if not ids:
            return []
        OutboundMessage.objects.filter(id__in=ids, status=MessageStatus.QUEUED).update(
            status=MessageStatus.SENDING,
            claim_token=token,
            claimed_at=now,
            attempts=F("attempts") + 1,
        )
    return list(
        OutboundMessage.objects.filter(claim_token=token, status=MessageStatus.SENDING)
        .select_related("contact__family__commune", "step__sequence")
        .order_by("not_before", "id")
    )


def stop_reasons(messages: list[OutboundMessage]) -> dict[int, str]:
    """Why each message must not leave now ("" when it may), in a few queries per batch."""
    if not messages:
        return {}
    contact_ids = {m.contact_id for m in messages}
    states = {
        pk: (opted_out, moved, status)
        for pk, opted_out, moved, status in OutreachContact.objects.filter(
            pk__in=contact_ids
        ).values_list("pk", "opted_out_at", "moved_away_at", "family__status")
    }
    family_of = {m.contact_id: m.contact.family_id for m in messages}
    consents = {
        channel: consents_ok(
            sorted({family_of[m.contact_id] for m in messages if m.channel == channel}), channel
        )
        for channel in {m.channel for m in messages}
    }
    wanted: dict[str, set[int]] = {}
    for message in messages:
        code, pregnancy_id = _stop_code(message), _pregnancy_id(message)
        if code and pregnancy_id is not None:
            wanted.setdefault(code, set()).add(pregnancy_id)
    done = {
        (code, pk)
        for code, pregnancy_ids in wanted.items()
        for pk in Milestone.objects.filter(
            code=code, state=MilestoneState.DONE, pregnancy_id__in=pregnancy_ids - {None}
        ).values_list("pregnancy_id", flat=True)
    }
    reasons = {}
    for message in messages:
        opted_out, moved, status = states.get(message.contact_id, (None, None, "actif"))
        if opted_out is not None:
            reason = "desinscription"
        elif moved is not None:
            reason = "demenagement"
        elif status != "actif":
            reason = "parcours_clos"
        elif not consents[message.channel].get(family_of[message.contact_id], True):
            reason = "consentement_retire"
        elif (_stop_code(message), _pregnancy_id(message)) in done:
            reason = "etape_faite"
        else:
            reason = ""
        reasons[message.pk] = reason
    return reasons


def _stop_code(message: OutboundMessage) -> str:
    step = message.step
    if step is None:
        return ""
    return step.stop_milestone or STAGES[step.stage].stop_milestone


def _pregnancy_id(message: OutboundMessage) -> int | None:
    tail = message.idempotency_key.rsplit("-g", 1)[-1]
    return int(tail) if tail.isdigit() else None


def _mine(message: OutboundMessage):
    return OutboundMessage.objects.filter(
        pk=message.pk, claim_token=message.claim_token, status=MessageStatus.SENDING
    )


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=settings.OUTREACH_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1))


def process(
    message: OutboundMessage,
    backend: BaseBackend,
    *,
    now: datetime | None = None,
    reason: str | None = None,
) -> str:
    """Send one claimed message; returns the new status.

    ``reason`` comes from ``stop_reasons`` computed for the whole claimed batch just
    before; when not given it is computed for this message alone.
    """
    now = now or timezone.now()
    if reason is None:
        reason = stop_reasons([message])[message.pk]
    if reason:
        _mine(message).update(status=MessageStatus.CANCELLED, cancel_reason=reason)
        return MessageStatus.CANCELLED
    sequence = message.step.sequence if message.step else None
    if sequence is not None:
        allowed = next_allowed(
            now,
            sequence.send_from,
            sequence.send_until,
            sequence.weekdays,
            contact_calendar(message.contact),
        )
        if (
            allowed > now
        ):  # quiet hours or day of the family: back to the queue, this claim does not count
            _mine(message).update(
                status=MessageStatus.QUEUED,
                not_before=allowed,
                claim_token="",
                attempts=F("attempts") - 1,
            )
            return "differe"
    try:
        provider_id = backend.send(message)
    except SendError as exc:
        if exc.temporary and message.attempts < settings.OUTREACH_MAX_ATTEMPTS:
            _mine(message).update(
                status=MessageStatus.QUEUED,
                not_before=now + backoff(message.attempts),
                claim_token="",
                last_error=str(exc)[:500],
            )
            return "nouvel_essai"
        _mine(message).update(status=MessageStatus.FAILED, last_error=str(exc)[:500])
        return MessageStatus.FAILED
    _mine(message).update(
        status=MessageStatus.SENT,
        sent_at=timezone.now(),
        provider_id=str(provider_id)[:100],
        last_error="",
    )
    return MessageStatus.SENT


def recover_stale(
    *, now: datetime | None = None, backends: dict[str, BaseBackend] | None = None
) -> dict[str, int]:
    """Messages claimed by a worker that died (lease expired): see the module docstring."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.OUTREACH_CLAIM_LEASE_SECONDS)
    backends = backends or {}
    result = {"envoye": 0, "reprise": 0, "a_verifier": 0}
    stale = OutboundMessage.objects.filter(status=MessageStatus.SENDING, claimed_at__lt=limit)
    for message in stale.only("pk", "idempotency_key", "channel", "claim_token"):
        backend = backends.get(message.channel) or get_backend(message.channel)
        received = backend.lookup(message.idempotency_key)
        mine = _mine(message)
        if received is True:
            mine.update(
                status=MessageStatus.SENT, sent_at=now, last_error="reçu par l'opérateur (reprise)"
            )
            result["envoye"] += 1
        elif received is False:
            mine.update(status=MessageStatus.QUEUED, claim_token="", not_before=now)
            result["reprise"] += 1
        else:
            mine.update(
                status=MessageStatus.TO_CHECK,
                last_error="worker interrompu : vérifier auprès de l'opérateur",
            )
            result["a_verifier"] += 1
    return result


def send_pending(
    *,
    limit: int = 200,
    batch: int = 50,
    backends: dict[str, BaseBackend] | None = None,
    now: datetime | None = None,
) -> WorkerStats:
    """One pass of the worker: recover stale claims, then send up to ``limit`` messages."""
    stats = WorkerStats(recovered=recover_stale(now=now, backends=backends))
    backends = dict(backends or {})
    handled = 0
    while handled < limit:
        claimed = claim_batch(limit=min(batch, limit - handled), now=now)
        if not claimed:
            break
        reasons = stop_reasons(claimed)
        for message in claimed:
            backend = backends.setdefault(message.channel, get_backend(message.channel))
            outcome = process(message, backend, now=now, reason=reasons[message.pk])
            if outcome == MessageStatus.SENT:
                stats.sent += 1
            elif outcome == "nouvel_essai":
                stats.retried += 1
            elif outcome == MessageStatus.FAILED:
                stats.failed += 1
            elif outcome == MessageStatus.CANCELLED:
                stats.cancelled += 1
            else:
                stats.deferred += 1
        handled += len(claimed)
    return stats


def run_worker(
    *, once: bool = False, idle_sleep: float = 5.0, batch: int = 50, log=None
) -> WorkerStats:
    total = WorkerStats()
    while True:
        stats = send_pending(limit=batch * 10, batch=batch)
        total.add(stats)
        if log and (stats.sent or stats.failed or stats.retried or any(stats.recovered.values())):
            log(stats)
        if once:
            return total
        if not (stats.sent or stats.retried or stats.failed or stats.cancelled):
            time_module.sleep(idle_sleep)
