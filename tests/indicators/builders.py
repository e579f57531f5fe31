"""A hand-built data set for the 1000-days indicators, with known answers."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from millejours.pathway.models import Milestone, MilestoneState, Pregnancy
from tests import factories


def birth(
    commune, born: date, *, epp: date | None = None, epnp: bool = False, epnp2: str | None = None
):
    """A family whose pregnancy ended with a birth on ``born``; ``epnp2``: None (no
    milestone), "fait", "a_faire" or "non_applicable"."""
    fam = factories.family(commune_obj=commune, lmp=born - timedelta(days=280))
    preg = fam.pregnancies.get()
    Pregnancy.objects.filter(pk=preg.pk).update(outcome="naissance", ended_on=born)
    if epp:
        milestone(preg, "epp", MilestoneState.DONE, done_on=epp)
    milestone(
        preg,
        "epnp",
        MilestoneState.DONE if epnp else MilestoneState.LATE,
        done_on=born + timedelta(days=30) if epnp else None,
    )
    if epnp2:
        milestone(
            preg, "epnp_2", epnp2, done_on=born + timedelta(days=75) if epnp2 == "fait" else None
        )
    return fam


def milestone(preg, code, state, *, done_on=None):
    due = done_on or preg.lmp + timedelta(days=120)
    return Milestone.objects.create(
        family_id=preg.family_id,
        pregnancy=preg,
        subject="mere",
        code=code,
        rule_version="test",
        label=code,
        category="entretien",
        status="compulsory",
        due=due,
        window_start=due,
        window_end=due,
        state=state,
        done_on=done_on,
    )


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def service():
    from millejours.directory.models import Service, Structure

    structure = Structure.objects.create(
        source="test", source_id="s-ind", name="Maison des familles"
    )
    return Service.objects.create(
        structure=structure, source="test", source_id="sv-ind", name="Accueil parents"
    )


def orientation(fam, svc, sent: date | None, *, answers=(), state="envoyee"):
    """``answers``: (to_state, days after sending) events."""
    from millejours.orientations.models import Orientation, OrientationEvent

    obj = Orientation.objects.create(
        family=fam,
        service=svc,
        reason="Soutien",
        state=state,
        refusal_reason="Complet" if state == "refusee" else "",
        sent_at=at(sent) if sent else None,
    )
    for to_state, days in answers:
        OrientationEvent.objects.create(
            orientation=obj,
            to_state=to_state,
            at=at(sent) + timedelta(days=days),
            by_label="Partenaire",
        )
    return obj


def epds(fam, level: str, day: date):
    from millejours.screening.models import Response

    obj = Response.objects.create(
        questionnaire="epds",
        version="test",
        family=fam,
        pregnancy=fam.pregnancies.first(),
        respondent="professionnel",
        total={"bas": 3, "vigilance": 10, "eleve": 15}[level],
        level=level,
    )
    Response.objects.filter(pk=obj.pk).update(created_at=at(day))
    return obj


def flag(fam, status: str, day: date):
    from millejours.screening.models import VulnerabilityFlag

    response = epds(fam, "bas", day)
    return VulnerabilityFlag.objects.create(
        family=fam,
        response=response,
        domain="isolement",
        status=status,
        confirmed_at=at(day) if status == "confirme" else None,
    )


def contact(fam, day: date):
    from millejours.followup.models import Contact

    return Contact.objects.create(family=fam, occurred_on=day, channel="telephone")


def session(commune, day: date, attended: list):
    from millejours.programme.models import Event, Registration, Session

    event = Event.objects.create(title="Atelier portage", kind="groupe_information", theme="autre")
    obj = Session.objects.create(event=event, starts_at=at(day, 14), commune=commune)
    for k, present in enumerate(attended):
        Registration.objects.create(
            session=obj,
            first_name="P",
            last_name=str(k),
            email=f"p{k}@exemple.test",
            attended=present,
        )
    return obj


def participation(user, fiche, day: date, hours: str, session_obj=None):
    from millejours.programme.models import Participation

    return Participation.objects.create(
        user=user,
        fiche=fiche,
        session=session_obj,
        date=day,
        role="animation",
        hours=Decimal(hours),
        hourly_rate=Decimal("50"),
        amount=Decimal(hours) * 50,
    )
