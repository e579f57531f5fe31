"""Demo data of the programme: the fiches of seeds 000 and 002, workshops, participation.

Idempotent: fiches are found by title, events by title, registrations by e-mail.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from faker import Faker

from .models import (
    Event,
    EventKind,
    Fiche,
    Participation,
    ParticipationRole,
    Registration,
    RegistrationStatus,
    Session,
)
from .services.fiches import fiche_import
from .services.participation import participation_create

DEMO_FICHES = Path(__file__).resolve().parent / "data" / "demo"


def load_fiches() -> list:
    fiches = []
    for name in ("fiche_1000_premiers_jours.json", "fiche_petit_pas_grand_pas.json"):
        payload = json.loads((DEMO_FICHES / name).read_text(encoding="utf-8"))
        fiche = Fiche.objects.filter(title=payload["fiche"]["title"]).first()
        if fiche is None:
            fiche = fiche_import(payload=payload, actor="démonstration", origin="démonstration")
        fiches.append(fiche)
    return fiches


def _at(day, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def load(ctx) -> None:
    fiche_1000, _ = load_fiches()
    communes = list(ctx.territory.communes.order_by("name")[:3]) if ctx.territory else []
    commune = communes[0] if communes else None
    fake = Faker("fr_FR")
    fake.seed_instance(6)
    speakers = [u for key, u in ctx.users.items() if getattr(u, "is_professional", False)][:3]
    workshops = [
        (
            "Atelier parents : alimentation et oralité du tout-petit",
            EventKind.GROUPE_INFORMATION,
            "nutrition_oralite",
            12,
            10,
        ),
        (
            "Groupe de partage : fatigue et épuisement des jeunes parents",
            EventKind.GROUPE_PARTAGE,
            "isolement_epuisement",
            19,
            8,
        ),
        (
            "Formation : repérage des vulnérabilités en périnatalité",
            EventKind.FORMATION,
            "reperage_vulnerabilites",
            26,
            20,
        ),
    ]
    for title, kind, theme, offset, capacity in workshops:
        event, created = Event.objects.get_or_create(
            title=title,
            defaults={
                "fiche": fiche_1000,
                "kind": kind,
                "theme": theme,
                "organiser": "CPTS des Portes du Lauragais",
                "is_public": kind != EventKind.FORMATION,
                "description": "Atelier animé par des professionnels de santé de la CPTS, gratuit, sur inscription.",
            },
        )
        if not created:
            continue
        if communes:
            event.communes.set(communes)
        session = Session.objects.create(
            event=event,
            starts_at=_at(ctx.today + timedelta(days=offset), 14),
            ends_at=_at(ctx.today + timedelta(days=offset), 16),
            commune=commune,
            place="Salle des fêtes",
            capacity=capacity,
        )
        session.speakers.set(speakers[:2])
        if kind != EventKind.FORMATION:
            # A full session and a waiting list (written directly: no e-mail in the demo).
            rows = []
            for i in range(capacity + 2):
                first, last = fake.first_name(), fake.last_name()
                rows.append(
                    Registration(
                        session=session,
                        first_name=first,
                        last_name=last,
                        email=f"parent{i + 1}.{session.pk}@exemple.test",
                        status=RegistrationStatus.CONFIRMEE
                        if i < capacity
                        else RegistrationStatus.ATTENTE,
                    )
                )
            Registration.objects.bulk_create(rows)
        past = Session.objects.create(
            event=event,
            starts_at=_at(ctx.today - timedelta(days=30 + offset), 14),
            ends_at=_at(ctx.today - timedelta(days=30 + offset), 16),
            commune=commune,
            place="Maison des associations",
            capacity=capacity,
        )
        for user in speakers[:2]:
            if not Participation.objects.filter(user=user, session=past).exists():
                participation_create(
                    actor="démonstration",
                    user=user,
                    fiche=fiche_1000,
                    session=past,
                    date=past.starts_at.date(),
                    role=ParticipationRole.ANIMATION
                    if user == speakers[0]
                    else ParticipationRole.ORGANISATION,
                    hours=Decimal("3") if user == speakers[0] else Decimal("1.5"),
                )
    ctx.log.append(
        "Programme : fiches « 1000 premiers jours » et « Petit pas grand pas », 3 ateliers."
    )
