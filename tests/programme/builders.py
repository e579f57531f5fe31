"""Builders for programme tests (synthetic people only)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from millejours.programme.models import Event, EventKind, Session


def event(
    *,
    title="Atelier alimentation et oralité",
    theme="nutrition_oralite",
    kind=EventKind.GROUPE_INFORMATION,
    is_public=True,
    is_external=False,
    communes=(),
    fiche=None,
    organiser="",
) -> Event:
    obj = Event.objects.create(
        title=title,
        theme=theme,
        kind=kind,
        is_public=is_public,
        is_external=is_external,
        fiche=fiche,
        organiser=organiser,
    )
    if communes:
        obj.communes.set(communes)
    return obj


def session(ev: Event, *, days=10, capacity=None, commune=None, hour=14) -> Session:
    start = (timezone.now() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )
    return Session.objects.create(
        event=ev,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=capacity,
        commune=commune,
        place="Salle des fêtes",
    )
