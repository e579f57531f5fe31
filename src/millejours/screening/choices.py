"""Vocabularies of screening: questionnaires, respondents, levels, flag and alert states."""

from __future__ import annotations

from django.db import models


class QuestionnaireCode(models.TextChoices):
    EPDS = "epds", "EPDS (auto-questionnaire post-partum)"
    EPP = "epp", "Entretien prénatal précoce"


class Respondent(models.TextChoices):
    PARENT = "parent", "Le parent, depuis son espace"
    PROFESSIONAL = "professionnel", "Avec un professionnel"
    ANONYMOUS = "anonyme", "Anonyme (page publique)"


class Level(models.TextChoices):
    LOW = "bas", "Score rassurant"
    WATCH = "vigilance", "Vigilance"
    HIGH = "eleve", "Score élevé"


class FlagStatus(models.TextChoices):
    PROPOSED = "a_confirmer", "À confirmer"
    CONFIRMED = "confirme", "Confirmé"
    DISMISSED = "ecarte", "Écarté"


class AlertReason(models.TextChoices):
    ITEM10 = "epds_item10", "EPDS : réponse à l'item 10 (pensées de se faire du mal)"
    HIGH = "epds_eleve", "EPDS : score élevé"  # rule v1 (kept for stored tasks)
    POSITIVE = "epds_positif", "EPDS : score de 11 ou plus (dépistage positif)"


class AlertStatus(models.TextChoices):
    OPEN = "ouverte", "Ouverte"
    CLOSED = "close", "Close"
