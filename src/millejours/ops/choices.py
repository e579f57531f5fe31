"""Vocabularies of the scheduler: a job run's status and what triggered it."""

from __future__ import annotations

from django.db import models


class RunStatus(models.TextChoices):
    RUNNING = "running", "En cours"
    SUCCESS = "success", "Réussie"
    FAILED = "failed", "Échec"


class RunTrigger(models.TextChoices):
    SCHEDULE = "schedule", "Planifiée"
    MANUAL = "manual", "Manuelle"
