"""Vocabularies of the prevention check-up: stages, who filled it in, a goal's progress."""

from __future__ import annotations

from django.db import models


class Stage(models.TextChoices):
    PREGNANCY = "grossesse", "Pendant la grossesse"
    AFTER_BIRTH = "apres_naissance", "Après la naissance"
    OTHER = "hors_grossesse", "En dehors d'une grossesse suivie"


class FilledBy(models.TextChoices):
    PARENT = "parent", "Le parent, depuis son espace"
    PROFESSIONAL = "professionnel", "Avec un professionnel"


class Progress(models.TextChoices):
    ONGOING = "en_cours", "En cours"
    REACHED = "atteint", "Atteint"
    ABANDONED = "abandonne", "Abandonné"
    CHANGED = "modifie", "Modifié"
