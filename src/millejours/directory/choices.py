"""Vocabularies of the directory: a structure's or service's publication status."""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    PUBLISHED = "publie", "Publié"
    ARCHIVED = "archive", "Archivé"
