"""Writes of the outreach domain (one function per business action, audited).

- ``contact_opt_out(*, contacts, channel) -> int`` — STOP reply or opt-out link: takes
  effect at once (queued messages cancelled; the worker re-checks before each send);
- ``contact_mark_moved_away(*, contact, user) -> None``;
- ``recontact_record(*, family, kind, occurred_on, user, visit_by="", note="", message=None)``;
- ``sequence_save(*, sequence, user, created) / step_save(*, step, user, created)``;
- ``default_sequence_create(*, user=None) -> Sequence`` (idempotent);
- ``purge_declaration_files(before: datetime) -> int`` (``files``): erase the stored
  declaration files of the batches created before ``before`` (retention).

The writes that take a ``user`` are the coordination's (``require_coordinator``), or the
platform's (``user=None``: a job, an operator's callback, the demo), checked before anything
is written; the opt-out is the family's own (a STOP reply or its signed link).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

from django.db import transaction
from django.utils import timezone

from millejours.accounts.access import require_coordinator, require_role_or_platform
from millejours.accounts.models import User
from millejours.audit.services import record_event
from millejours.pathway.models import Family

from .files import purge_declaration_files  # noqa: F401 - part of this module's API (retention)
from .models import (
    Channel,
    MessageStatus,
    OutboundMessage,
    OutreachContact,
    Recontact,
    RecontactKind,
    Sequence,
    SequenceStep,
    Stage,
)
from .step_translations import DEFAULT_STEP_TRANSLATIONS


@transaction.atomic
def contact_opt_out(*, contacts: Iterable[OutreachContact], channel: str) -> int:
    """Opt the given contacts out; returns how many queued messages were cancelled."""
    now = timezone.now()
    ids = [c.pk for c in contacts if c.opted_out_at is None]
    if not ids:
        return 0
    OutreachContact.objects.filter(pk__in=ids).update(opted_out_at=now, opt_out_channel=channel)
    cancelled = OutboundMessage.objects.filter(
        contact_id__in=ids, status=MessageStatus.QUEUED
    ).update(status=MessageStatus.CANCELLED, cancel_reason="desinscription")
    for contact in contacts:
        if contact.pk in ids:
            record_event(
                actor=None,
                action="outreach.desinscription",
                obj=contact,
                details={"canal": channel},
            )
    return cancelled


@transaction.atomic
def contact_mark_moved_away(*, contact: OutreachContact, user: User | None) -> None:
    require_role_or_platform(user, require_coordinator)
    contact.moved_away_at = timezone.now()
    contact.save(update_fields=["moved_away_at"])
    OutboundMessage.objects.filter(contact=contact, status=MessageStatus.QUEUED).update(
        status=MessageStatus.CANCELLED, cancel_reason="demenagement"
    )
    record_event(actor=user, action="outreach.demenagement", obj=contact)


@transaction.atomic
def recontact_record(
    *,
    family: Family,
    kind: str,
    occurred_on: date,
    user: User | None,
    visit_by: str = "",
    note: str = "",
    message: OutboundMessage | None = None,
) -> Recontact:
    """Record that a family came back (or a prenatal visit took place).

    ``after_message`` is true when a message had been sent to the family before that day.
    """
    require_role_or_platform(user, require_coordinator)
    contact = OutreachContact.objects.filter(family=family).order_by("pk").first()
    if message is None and contact is not None:
        message = (
            OutboundMessage.objects.filter(
                contact__family=family, sent_at__isnull=False, sent_at__date__lte=occurred_on
            )
            .order_by("-sent_at")
            .first()
        )
    first_child = (
        contact.first_child if contact else family.pregnancies.filter(first_child=True).exists()
    )
    recontact = Recontact.objects.create(
        family=family,
        contact=contact,
        message=message,
        kind=kind,
        visit_by=visit_by if kind == RecontactKind.VISIT else "",
        occurred_on=occurred_on,
        after_message=message is not None,
        first_child=first_child,
        note=note[:500],
        recorded_by=user if getattr(user, "pk", None) else None,
    )
    record_event(
        actor=user,
        action="outreach.recontact",
        obj=recontact,
        details={"type": kind, "suite_message": recontact.after_message},
    )
    return recontact


@transaction.atomic
def sequence_save(*, sequence: Sequence, user: User | None, created: bool) -> Sequence:
    require_role_or_platform(user, require_coordinator)
    if created:
        sequence.created_by = user
    sequence.save()
    record_event(
        actor=user,
        action="outreach.sequence_creee" if created else "outreach.sequence_modifiee",
        obj=sequence,
        details={"nom": sequence.name},
    )
    return sequence


@transaction.atomic
def step_save(*, step: SequenceStep, user: User | None, created: bool) -> SequenceStep:
    require_role_or_platform(user, require_coordinator)
    step.save()
    record_event(
        actor=user,
        action="outreach.message_cree" if created else "outreach.message_modifie",
        obj=step,
        details={"etape": step.stage, "canal": step.channel},
    )
    return step


DEFAULT_SEQUENCE_NAME = "Parcours « Petits pas grands pas »"
DEFAULT_STEPS = [
    (
        Stage.DECLARATION,
        0,
        "",
        "Bonjour {prenom}, la PMI vous félicite ! Un entretien prénatal précoce (EPP) "
        "avec une sage-femme vous est proposé, pris en charge. Appelez-nous : {telephone_pmi}. STOP : {lien_desinscription}",
    ),
    (
        Stage.MONTH_4,
        0,
        "epp",
        "Bonjour {prenom}, avez-vous fait votre entretien prénatal précoce ? "
        "Il est encore temps : {telephone_pmi}. STOP : {lien_desinscription}",
    ),
    (
        Stage.MONTH_8,
        0,
        "",
        "Bonjour {prenom}, la naissance approche : pensez à la valise pour la maternité "
        "et au retour à la maison. Une puéricultrice peut venir vous voir. STOP : {lien_desinscription}",
    ),
    (
        Stage.BIRTH_7,
        0,
        "",
        "Félicitations {prenom} ! Une puéricultrice de la PMI peut passer chez vous, "
        "gratuitement : {telephone_pmi}. STOP : {lien_desinscription}",
    ),
    (
        Stage.EPNP,
        0,
        "epnp",
        "Bonjour {prenom}, l'entretien postnatal précoce est fait pour vous (semaines 4 à 8). "
        "Parlez-en à votre sage-femme. STOP : {lien_desinscription}",
    ),
    (
        Stage.VACCINES,
        0,
        "",
        "Bonjour {prenom}, les premiers vaccins de votre bébé sont prévus à 2 mois. "
        "Pensez à prendre rendez-vous. STOP : {lien_desinscription}",
    ),
]


@transaction.atomic
def default_sequence_create(*, user: User | None = None) -> Sequence:
    """The default "Petits pas grands pas" sequence (created once)."""
    require_role_or_platform(user, require_coordinator)
    sequence, created = Sequence.objects.get_or_create(
        name=DEFAULT_SEQUENCE_NAME,
        defaults={
            "send_from": time(9, 0),
            "send_until": time(19, 0),
            "weekdays": [0, 1, 2, 3, 4, 5],
            "created_by": user if getattr(user, "pk", None) else None,
        },
    )
    if created:
        SequenceStep.objects.bulk_create(
            [
                SequenceStep(
                    sequence=sequence,
                    stage=stage,
                    delay_days=delay,
                    stop_milestone=stop,
                    body=body,
                    translations=DEFAULT_STEP_TRANSLATIONS.get(stage, {}),
                    channel=Channel.SMS,
                    order=index,
                )
                for index, (stage, delay, stop, body) in enumerate(DEFAULT_STEPS)
            ]
        )
    return sequence
