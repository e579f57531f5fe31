"""Planning: which message of which sequence goes to whom, and when it may be sent.

``plan_messages(now=None)`` puts into the outbox the messages whose pathway stage is
reached (within a catch-up window of ``OUTREACH_CATCHUP_DAYS``). The idempotency key
(step + contact + pregnancy) makes planning repeatable: running it twice queues nothing
new. Stop conditions are checked here and again just before sending (``sending``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from millejours.audit.selectors import consents_for
from millejours.lib.holidays_fr import LocalCalendar, calendar_for, calendar_for_commune
from millejours.pathway.languages import family_language
from millejours.pathway.models import Child, Milestone, MilestoneState, Pregnancy, PregnancyOutcome

from . import sms
from .models import (
    MessageStatus,
    OutboundMessage,
    OutreachContact,
    Sequence,
    SequenceStep,
    Stage,
)
from .services import default_sequence_create

DPA_OFFSET_DAYS = 287


@dataclass(frozen=True)
class StageRule:
    anchor: str  # "declaration", "ddr" or "naissance"
    offset_days: int
    stop_milestone: str = ""


STAGES: dict[str, StageRule] = {
    Stage.DECLARATION: StageRule("declaration", 0),
    Stage.MONTH_4: StageRule("ddr", 15 * 7, "epp"),  # the 4th month starts at 15 SA
    Stage.MONTH_8: StageRule("ddr", 32 * 7),  # the 8th month starts at 32 SA
    Stage.BIRTH_7: StageRule("naissance", 7),
    Stage.EPNP: StageRule("naissance", 28, "epnp"),  # weeks 4–8
    Stage.VACCINES: StageRule("naissance", 53),  # a week before the 2-month vaccines
}


# --- Quiet hours -------------------------------------------------------------------------
#
# Hours and weekdays are the family's own: they are read on the wall clock of the family's
# département (``lib.holidays_fr``: a 09:00 message reaches Guadeloupe at 09:00
# America/Guadeloupe, not at 03:00), and the public holidays of that département are quiet
# days (``OUTREACH_QUIET_ON_HOLIDAYS``, default True): Good Friday in Alsace-Moselle, the
# abolition of slavery day overseas, the national days everywhere.


def _quiet_day(day: date, weekdays: list[int] | None, calendar: LocalCalendar) -> bool:
    if weekdays and day.weekday() not in weekdays:
        return True
    return getattr(settings, "OUTREACH_QUIET_ON_HOLIDAYS", True) and calendar.is_holiday(day)


def is_allowed(
    moment: datetime,
    send_from: time,
    send_until: time,
    weekdays: list[int] | None,
    calendar: LocalCalendar | None = None,
) -> bool:
    calendar = calendar or calendar_for("")
    local = calendar.localtime(moment)
    if _quiet_day(local.date(), weekdays, calendar):
        return False
    return send_from <= local.time() < send_until


def next_allowed(
    moment: datetime,
    send_from: time,
    send_until: time,
    weekdays: list[int] | None,
    calendar: LocalCalendar | None = None,
) -> datetime:
    """``moment`` if sending is allowed then, else the start of the next allowed slot.

    ``calendar`` is the family's (time zone and holidays); metropolitan France when None.
    """
    calendar = calendar or calendar_for("")
    if is_allowed(moment, send_from, send_until, weekdays, calendar):
        return moment
    local = calendar.localtime(moment)
    for days in range(0, 31):
        day = local.date() + timedelta(days=days)
        if _quiet_day(day, weekdays, calendar):
            continue
        start = datetime.combine(day, send_from, tzinfo=calendar.timezone)
        if start > moment:
            return start
    return moment + timedelta(days=1)


def contact_calendar(contact: OutreachContact) -> LocalCalendar:
    """The calendar of the contact's family (its commune's département)."""
    return calendar_for_commune(contact.family.commune)


# --- Values of the templates ----------------------------------------------------------------


def optout_url(contact: OutreachContact) -> str:
    return settings.MILLEJOURS_SITE_URL.rstrip("/") + reverse(
        "outreach:optout", args=[contact.token]
    )


def template_values(contact: OutreachContact, lmp: date | None) -> dict[str, str]:
    parent = contact.parent
    return {
        "prenom": parent.first_name,
        "nom": parent.last_name,
        "lien_desinscription": optout_url(contact),
        "date_terme": f"{lmp + timedelta(days=DPA_OFFSET_DAYS):%d/%m/%Y}" if lmp else "",
        "telephone_pmi": settings.OUTREACH_PMI_PHONE,
        "structure": settings.OUTREACH_SENDER_NAME,
    }


# --- Consent (the trust domain owns it) --------------------------------------------------------


CONSENT_SCOPES = {"sms": "contact_sms", "email": "contact_email"}


def consents_ok(family_ids: list[int], channel: str) -> dict[int, bool]:
    """Per family: True unless it withdrew its consent to be contacted on ``channel`` (batched)."""
    scope = CONSENT_SCOPES.get(channel, "contact_sms")
    result: dict[int, bool] = {}
    for start in range(0, len(family_ids), 500):
        for fid, scopes in consents_for(family_ids[start : start + 500]).items():
            result[fid] = scopes.get(scope, True)
    return result


# --- Planning --------------------------------------------------------------------------------


def _candidates(stage: str, today: date, catchup: int):
    """(contact_id, pregnancy_id, lmp) for the contacts whose stage is reached."""
    rule = STAGES[stage]
    window_end = today - timedelta(days=rule.offset_days)
    window_start = window_end - timedelta(days=catchup)
    contacts = OutreachContact.objects.filter(
        opted_out_at__isnull=True, moved_away_at__isnull=True, family__status="actif"
    )
    rows: QuerySet[Any, tuple[int, int, date]]
    if rule.anchor == "naissance":
        rows = Child.objects.filter(
            birth_date__gt=window_start, birth_date__lte=window_end
        ).values_list("family_id", "pregnancy_id", "pregnancy__lmp")
    elif rule.anchor == "ddr":
        rows = Pregnancy.objects.filter(
            outcome=PregnancyOutcome.ONGOING, lmp__gt=window_start, lmp__lte=window_end
        ).values_list("family_id", "pk", "lmp")
    else:
        since = timezone.now() - timedelta(days=catchup)
        contacts = contacts.filter(created_at__gte=since)
        rows = Pregnancy.objects.filter(
            outcome=PregnancyOutcome.ONGOING, family__outreach_contacts__created_at__gte=since
        ).values_list("family_id", "pk", "lmp")
    by_family: dict[int, tuple[int, date]] = {}
    for family_id, pregnancy_id, lmp in rows:
        if family_id not in by_family or lmp > by_family[family_id][1]:
            by_family[family_id] = (pregnancy_id, lmp)
    if not by_family:
        return []
    result = []
    family_ids = list(by_family)
    for start in range(0, len(family_ids), 500):
        chunk = family_ids[start : start + 500]
        for contact in contacts.filter(family_id__in=chunk).select_related(
            "parent", "family__commune"
        ):
            pregnancy_id, lmp = by_family[contact.family_id]
            result.append((contact, pregnancy_id, lmp))
    return result


def _done_milestones(code: str, pregnancy_ids: list[int]) -> set[int]:
    if not code or not pregnancy_ids:
        return set()
    done: set[int] = set()
    for start in range(0, len(pregnancy_ids), 500):
        done.update(
            Milestone.objects.filter(
                code=code,
                state=MilestoneState.DONE,
                pregnancy_id__in=pregnancy_ids[start : start + 500],
            ).values_list("pregnancy_id", flat=True)
        )
    return done


def message_key(step_id: int, contact_id: int, pregnancy_id: int) -> str:
    return f"s{step_id}-c{contact_id}-g{pregnancy_id}"


def _already_queued(keys: set[str]) -> set[str]:
    """The idempotency keys among ``keys`` that already have a message (500 per query)."""
    existing: set[str] = set()
    key_list = sorted(keys)
    for start in range(0, len(key_list), 500):
        existing.update(
            OutboundMessage.objects.filter(
                idempotency_key__in=key_list[start : start + 500]
            ).values_list("idempotency_key", flat=True)
        )
    return existing


def _should_send(step: SequenceStep, contact: OutreachContact, consents: dict[int, bool]) -> bool:
    """The step applies to this contact: address not bouncing, first child if required,
    consent not withdrawn."""
    if step.channel == "email" and contact.email_bouncing_at:
        return False  # the provider reported this address as bouncing
    if step.first_child_only and not contact.first_child:
        return False
    return consents.get(contact.family_id, True)


def _step_messages(
    sequence: Sequence,
    step: SequenceStep,
    now: datetime,
    today: date,
    not_before: dict[str, datetime],
) -> list[OutboundMessage]:
    """The messages of one step due for its candidates, not yet queued; ``not_before``
    (first allowed slot per département) is shared by the steps of the sequence."""
    candidates = _candidates(step.stage, today, settings.OUTREACH_CATCHUP_DAYS)
    stop = step.stop_milestone or STAGES[step.stage].stop_milestone
    done = _done_milestones(stop, [p for _, p, _ in candidates])
    existing = _already_queued({message_key(step.pk, c.pk, p) for c, p, _ in candidates})
    messages = []
    consents = consents_ok(sorted({c.family_id for c, _, _ in candidates}), step.channel)
    for contact, pregnancy_id, lmp in candidates:
        key = message_key(step.pk, contact.pk, pregnancy_id)
        recipient = contact.phone if step.channel == "sms" else contact.email
        if key in existing or pregnancy_id in done or not recipient:
            continue
        if not _should_send(step, contact, consents):
            continue
        values = template_values(contact, lmp)
        subject, body = step.text_for(family_language(contact.family))
        calendar = contact_calendar(contact)
        if calendar.departement not in not_before:
            not_before[calendar.departement] = next_allowed(
                now, sequence.send_from, sequence.send_until, sequence.weekdays, calendar
            )
        messages.append(
            OutboundMessage(
                idempotency_key=key,
                step=step,
                contact=contact,
                channel=step.channel,
                recipient=recipient,
                subject=sms.render(subject, values),
                body=sms.render(body, values),
                status=MessageStatus.QUEUED,
                not_before=not_before[calendar.departement],
            )
        )
    return messages


def plan_messages(*, now: datetime | None = None) -> int:
    """Queue the messages that are due (in each family's language); returns how many."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    queued = 0
    for sequence in Sequence.objects.filter(active=True).prefetch_related("steps"):
        not_before: dict[str, datetime] = {}  # first allowed slot per département
        for step in sequence.steps.all():
            if not step.active:
                continue
            messages = _step_messages(sequence, step, now, today, not_before)
            created = OutboundMessage.objects.bulk_create(
                messages, batch_size=1000, ignore_conflicts=True
            )
            queued += len(created)
    return queued


def plan_after_import(report) -> int:
    """Completion hook of a declarations import: queue the welcome messages at once.

    Messages still wait for their sequence's sending hours (``not_before``). On a platform
    where no sequence was ever defined, the default "Petits pas grands pas" sequence is
    created first (the coordination may edit or deactivate it; once any sequence exists,
    nothing is created). A planning failure is logged and left to the scheduler's next
    ``outreach_plan`` run: the import itself is already committed.
    """
    if not (report.created or report.updated):
        return 0
    try:
        if not Sequence.objects.exists():
            default_sequence_create()
        return plan_messages()
    except Exception:  # noqa: BLE001
        logging.getLogger("millejours.outreach").exception("Planning after the import failed")
        return 0
