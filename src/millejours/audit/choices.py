"""Vocabularies of the audit records: consent scopes and kinds of erasure."""

from __future__ import annotations

from django.db import models


class ConsentScope(models.TextChoices):
    PARTAGE_EQUIPE = "partage_equipe", "Partage des informations au sein de l'équipe de soins"
    CONTACT_SMS = "contact_sms", "Être contacté(e) par SMS"
    CONTACT_EMAIL = "contact_email", "Être contacté(e) par courriel"
    DONNEES_PSEUDONYMISEES = (
        "donnees_pseudonymisees",
        "Utilisation de données pseudonymisées pour les indicateurs",
    )


class ErasureKind(models.TextChoices):
    DELETION = "suppression", "Suppression sur demande"
    ANONYMISATION = "anonymisation", "Anonymisation en fin de conservation"
