"""Vocabularies of outreach: import, duplicate and message states, stages, channels, recontacts."""

from __future__ import annotations

from django.db import models


class ImportStatus(models.TextChoices):
    UPLOADED = "televerse", "Téléversé"
    PREVIEWING = "analyse", "Analyse en cours"
    PREVIEWED = "apercu", "Aperçu prêt"
    RUNNING = "en_cours", "Import en cours"
    DONE = "termine", "Terminé"
    FAILED = "echec", "Échec"


class DuplicateStatus(models.TextChoices):
    PENDING = "a_examiner", "À examiner"
    MERGED = "meme_personne", "Même personne (fusionnées)"
    DISTINCT = "distinctes", "Personnes différentes"


class Stage(models.TextChoices):
    DECLARATION = "declaration", "Déclaration de grossesse"
    MONTH_4 = "mois_4", "4e mois de grossesse"
    MONTH_8 = "mois_8", "8e mois de grossesse"
    BIRTH_7 = "naissance_j7", "Naissance + 7 jours"
    EPNP = "epnp", "Semaines 4 à 8 après la naissance"
    VACCINES = "vaccins", "Rappels de vaccination"


class Channel(models.TextChoices):
    SMS = "sms", "SMS"
    EMAIL = "email", "Courriel"


class MessageStatus(models.TextChoices):
    QUEUED = "a_envoyer", "À envoyer"
    SENDING = "en_cours", "Envoi en cours"
    SENT = "envoye", "Envoyé"
    DELIVERED = "delivre", "Remis"
    FAILED = "echec", "Échec"
    TO_CHECK = "a_verifier", "À vérifier auprès de l'opérateur"
    CANCELLED = "annule", "Annulé"


class RecontactKind(models.TextChoices):
    REPLY = "reponse", "Réponse à un message"
    CALL = "appel", "Appel reçu"
    EPP_BOOKED = "epp_reserve", "EPP réservé"
    VISIT = "visite", "Visite prénatale réalisée"


class VisitBy(models.TextChoices):
    NONE = "", "—"
    MIDWIFE = "sage_femme", "Sage-femme"
    NURSE = "puericultrice", "Puéricultrice"
