"""Reads for the coordinator's pages: what an import created, what it planned, one family.

A coordinator does not open family files (care team only): she follows a family through
the « aller vers » page (contact, messages, recontacts), and each opening of that page is
logged in the access log like any read of a family's data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Min, Q
from django.utils import timezone

from millejours.pathway.models import Pregnancy, PregnancyOutcome

from .models import (
    ImportBatch,
    MessageStatus,
    OutboundMessage,
    OutreachContact,
    Recontact,
    Sequence,
)
from .planner import STAGES

FAMILIES_SHOWN = 100


def created_contacts(batch: ImportBatch, limit: int = FAMILIES_SHOWN):
    """The contacts of the families this import created (new files), first ``limit``."""
    return (
        OutreachContact.objects.filter(import_batch=batch, family__created_at__gte=batch.created_at)
        .select_related("family", "family__commune", "parent")
        .order_by("pk")[:limit]
    )


@dataclass
class PlannedStep:
    sequence: str
    stage_label: str
    channel: str
    queued: int  # already in the outbox, waiting for its slot
    sent: int
    upcoming: int  # families of this import that will reach the stage later
    first_date: date | None  # the earliest date a message of this step goes (queued or upcoming)


def _stage_day(stage: str, lmp: date, delay: int) -> date | None:
    rule = STAGES[stage]
    if rule.anchor != "ddr":
        return None
    return lmp + timedelta(days=rule.offset_days + delay)


def planned_messages(batch: ImportBatch) -> list[PlannedStep]:
    """Per active step: the messages queued or sent for this import, and those to come."""
    today = timezone.localdate()
    lmps = list(
        Pregnancy.objects.filter(
            family__outreach_contacts__import_batch=batch, outcome=PregnancyOutcome.ONGOING
        ).values_list("lmp", flat=True)
    )
    outbox = {
        row["step_id"]: row
        for row in OutboundMessage.objects.filter(contact__import_batch=batch)
        .values("step_id")
        .annotate(
            queued=Count("pk", filter=Q(status=MessageStatus.QUEUED)),
            sent=Count("pk", filter=Q(status=MessageStatus.SENT)),
            first=Min("not_before", filter=Q(status=MessageStatus.QUEUED)),
        )
    }
    result = []
    for sequence in Sequence.objects.filter(active=True).prefetch_related("steps").order_by("name"):
        for step in sequence.steps.all():
            if not step.active:
                continue
            days = [
                d
                for d in (_stage_day(step.stage, lmp, step.delay_days) for lmp in lmps)
                if d and d > today
            ]
            row: Mapping[str, Any] = outbox.get(step.pk, {})
            first = row.get("first")
            candidates = [
                d
                for d in (timezone.localdate(first) if first else None, min(days) if days else None)
                if d
            ]
            result.append(
                PlannedStep(
                    sequence.name,
                    step.get_stage_display(),
                    step.get_channel_display(),
                    row.get("queued", 0),
                    row.get("sent", 0),
                    len(days),
                    min(candidates) if candidates else None,
                )
            )
    return result


def family_outreach(family) -> dict:
    contacts = list(
        OutreachContact.objects.filter(family=family).select_related("parent", "import_batch")
    )
    return {
        "contacts": contacts,
        "outbound": OutboundMessage.objects.filter(contact__family=family)
        .select_related("step")
        .order_by("-not_before", "-pk")[:50],
        "recontacts": Recontact.objects.filter(family=family).order_by("-occurred_on", "-pk")[:50],
        "pregnancies": family.pregnancies.order_by("-lmp"),
    }
