"""Demo data of "aller vers": the default sequence, sent messages and recontacts.

Deterministic (one random generator per family reference) and idempotent: contacts,
messages (unique idempotency keys) and recontacts are only created where missing.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from millejours.pathway.models import Parent, Pregnancy

from .models import (
    MessageStatus,
    OutboundMessage,
    OutreachContact,
    Recontact,
    RecontactKind,
    Stage,
    VisitBy,
)
from .planner import message_key
from .services import default_sequence_create
from .validation import RowError, parse_mobile


def _phone(raw: str, rng: random.Random) -> str:
    try:
        return parse_mobile(raw) if raw else ""
    except RowError:
        pass
    return f"+336{rng.randint(10000000, 99999999)}"


def load(ctx) -> None:
    user = ctx.users.get("coordination")
    families = list(ctx.families)
    with transaction.atomic():
        sequence = default_sequence_create(user=user)
        welcome = sequence.steps.get(stage=Stage.DECLARATION)
        family_ids = [f.pk for f in families]
        parents: dict[int, Parent] = {}
        for person in Parent.objects.filter(family_id__in=family_ids).order_by("pk"):
            parents.setdefault(person.family_id, person)
        pregnancies: dict[int, Pregnancy] = {}
        for latest in Pregnancy.objects.filter(family_id__in=family_ids).order_by("lmp"):
            pregnancies[latest.family_id] = latest  # the latest
        existing = set(
            OutreachContact.objects.filter(family_id__in=family_ids).values_list(
                "family_id", flat=True
            )
        )
        new_contacts = []
        for family in families:
            parent, pregnancy = parents.get(family.pk), pregnancies.get(family.pk)
            if family.pk in existing or parent is None or pregnancy is None:
                continue
            rng = random.Random(f"outreach-{family.reference}")
            new_contacts.append(
                OutreachContact(
                    family=family,
                    parent=parent,
                    phone=_phone(parent.phone, rng),
                    email=parent.email,
                    first_child=pregnancy.first_child,
                    source=rng.choice(["CPAM", "CAF", "PMI"]),
                )
            )
        OutreachContact.objects.bulk_create(new_contacts)
        contacts = {
            c.family_id: c for c in OutreachContact.objects.filter(family_id__in=family_ids)
        }

        keys = set(
            OutboundMessage.objects.filter(contact__family_id__in=family_ids).values_list(
                "idempotency_key", flat=True
            )
        )
        with_recontact = set(
            Recontact.objects.filter(family_id__in=family_ids).values_list("family_id", flat=True)
        )
        messages: list[OutboundMessage] = []
        recontacts: list[Recontact] = []
        now = timezone.now()
        for family in families:
            contact, pregnancy = contacts.get(family.pk), pregnancies.get(family.pk)
            if contact is None or pregnancy is None or not contact.phone:
                continue
            rng = random.Random(f"outreach-msg-{family.reference}")
            if rng.random() > 0.75:
                continue
            sent_day = min(ctx.today, pregnancy.lmp + timedelta(days=rng.randint(60, 100)))
            sent_at = timezone.make_aware(datetime.combine(sent_day, time(10, rng.randint(0, 59))))
            key = message_key(welcome.pk, contact.pk, pregnancy.pk)
            delivered = rng.random() < 0.9  # drawn every time: reruns make the same choices
            if key not in keys:
                messages.append(
                    OutboundMessage(
                        idempotency_key=key,
                        step=welcome,
                        contact=contact,
                        channel="sms",
                        recipient=contact.phone,
                        body=welcome.body.replace("{prenom}", contact.parent.first_name),
                        not_before=sent_at,
                        status=MessageStatus.DELIVERED if delivered else MessageStatus.SENT,
                        attempts=1,
                        sent_at=sent_at,
                        delivered_at=sent_at + timedelta(seconds=20),
                    )
                )
            if family.pk in with_recontact or sent_at > now:
                continue
            back_day = min(ctx.today, sent_day + timedelta(days=rng.randint(0, 12)))
            replies, visits = rng.random() < 0.45, rng.random() < 0.35
            kind = rng.choice([RecontactKind.REPLY, RecontactKind.CALL, RecontactKind.EPP_BOOKED])
            visit_by = rng.choice([VisitBy.MIDWIFE, VisitBy.NURSE])
            visit_day = min(ctx.today, back_day + timedelta(days=rng.randint(3, 20)))
            # The family answered (reply, call, EPP booked), and/or a prenatal visit took place.
            after = {
                "family": family,
                "contact": contact,
                "after_message": True,
                "first_child": contact.first_child,
                "recorded_by": user,
            }
            if replies:
                recontacts.append(Recontact(kind=kind, occurred_on=back_day, **after))
            if visits:
                recontacts.append(
                    Recontact(
                        kind=RecontactKind.VISIT, visit_by=visit_by, occurred_on=visit_day, **after
                    )
                )
        OutboundMessage.objects.bulk_create(messages, ignore_conflicts=True)
        created = Recontact.objects.bulk_create(recontacts)
        # Link the recontacts to the message they answer (keys are known now).
        by_key = dict(
            OutboundMessage.objects.filter(
                contact__family_id__in=family_ids, step=welcome
            ).values_list("contact_id", "pk")
        )
        for recontact in created:
            recontact.message_id = by_key.get(recontact.contact_id)  # type: ignore[arg-type]
        Recontact.objects.bulk_update(created, ["message"])
    ctx.log.append(
        f"Aller vers : {len(new_contacts)} contacts, {len(messages)} SMS envoyés, {len(created)} recontacts créés."
    )
