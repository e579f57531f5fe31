"""Vocabularies of orientations: states (and their groups), origins, the contact shared."""

from __future__ import annotations

from django.db import models


class State(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    SENT = "envoyee", "Envoyée"
    RECEIVED = "recue", "Reçue"
    ACCEPTED = "acceptee", "Acceptée"
    REFUSED = "refusee", "Refusée"
    DONE = "realisee", "Réalisée"
    DROPPED = "sans_suite", "Sans suite"


OPEN_STATES = frozenset({State.SENT, State.RECEIVED})  # awaiting the partner's answer
ACTIVE_STATES = frozenset({State.DRAFT, State.SENT, State.RECEIVED, State.ACCEPTED})
FINAL_STATES = frozenset({State.REFUSED, State.DONE, State.DROPPED})


class Origin(models.TextChoices):
    FREE = "libre", "Orientation libre"
    SCREENING = "reperage", "Suite à un repérage"
    MILESTONE = "jalon", "Suite à un rendez-vous du calendrier"


class SharedContact(models.TextChoices):
    PHONE = "telephone", "Téléphone"
    EMAIL = "courriel", "Courriel"
    NONE = "aucun", "Aucun (la famille prendra contact)"
