"""Vocabularies of follow-up: contact channels and a care goal's status."""

from __future__ import annotations

from django.db import models


class ContactChannel(models.TextChoices):
    HOME_VISIT = "visite_domicile", "Visite à domicile"
    PHONE = "telephone", "Appel téléphonique"
    CONSULTATION = "consultation", "Rendez-vous"
    MESSAGE = "message", "Message"
    MEETING = "reunion", "Réunion avec des partenaires"
    OTHER = "autre", "Autre"


class GoalStatus(models.TextChoices):
    OPEN = "en_cours", "En cours"
    REACHED = "atteint", "Atteint"
    DROPPED = "abandonne", "Abandonné"
