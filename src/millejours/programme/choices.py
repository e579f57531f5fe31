"""Vocabularies of the programme: fiches, partners and funders, indicators, events, roles."""

from __future__ import annotations

from django.db import models


class Mission(models.TextChoices):
    SOCLE_PREVENTION = "socle_3_prevention", "Mission socle 3 – Prévention"
    COMPLEMENTAIRE = "complementaire", "Mission complémentaire"
    AUTRE = "autre", "Autre cadre (contractualisation, appel à projets…)"


class FicheState(models.TextChoices):
    IDEE = "idee", "Idée"
    EN_PREPARATION = "en_preparation", "En préparation"
    EN_COURS = "en_cours", "En cours"
    TERMINEE = "terminee", "Terminée"
    ABANDONNEE = "abandonnee", "Abandonnée"


class PublicCode(models.TextChoices):
    FEMMES_ENCEINTES = "femmes_enceintes", "Femmes enceintes et futurs parents"
    PARENTS_0_3 = "parents_0_3", "Parents d'enfants de 0 à 3 ans"
    FAMILLES_VULNERABLES = "familles_vulnerables", "Familles vulnérables ou monoparentales"
    PROFESSIONNELS = "professionnels", "Professionnels"
    POPULATION = "population", "Population du territoire"


class PartnerKind(models.TextChoices):
    ASSOCIATION = "association", "Association"
    PMI = "pmi", "PMI / Département"
    CAF = "caf", "CAF"
    CPAM = "cpam", "CPAM"
    CCAS = "ccas", "CCAS / CIAS"
    COLLECTIVITE = "collectivite", "Collectivité"
    ETABLISSEMENT = "etablissement", "Établissement de santé"
    ETAT = "etat", "État / ARS"
    CPTS = "cpts", "Autre CPTS"
    AUTRE = "autre", "Autre"


class PartnerRole(models.TextChoices):
    PORTEUR = "porteur", "Porteur"
    PARTENAIRE = "partenaire", "Partenaire"
    COFINANCEUR = "cofinanceur", "Co-financeur"
    INTERVENANT = "intervenant", "Intervenant"


class FunderKind(models.TextChoices):
    ACI = "aci", "ACI (Assurance maladie)"
    ARS_FIR = "ars_fir", "ARS / FIR"
    ETAT = "etat", "État"
    CAF = "caf", "CAF"
    DEPARTEMENT = "departement", "Département"
    COLLECTIVITE = "collectivite", "Collectivité"
    FONDATION = "fondation", "Fondation"
    FONDS_EUROPEENS = "fonds_europeens", "Fonds européens"
    AUTOFINANCEMENT = "autofinancement", "Autofinancement"
    AUTRE = "autre", "Autre"


class IndicatorSource(models.TextChoices):
    MANUAL = "manuel", "Saisi à la main"
    SESSIONS = "seances", "Nombre de séances réalisées"
    REGISTRATIONS = "inscriptions", "Nombre d'inscriptions confirmées"
    PARTICIPANTS = "participants", "Nombre de participants présents"
    PRO_HOURS = "heures_pros", "Heures de participation des professionnels"
    EPP = "epp", "Entretiens prénatals précoces réalisés"
    ORIENTATIONS = "orientations", "Orientations vers des dispositifs"


class EventKind(models.TextChoices):
    GROUPE_INFORMATION = "groupe_information", "Atelier parents – groupe d'information"
    GROUPE_PARTAGE = "groupe_partage", "Atelier parents – groupe de partage"
    GROUPE_SPECIFIQUE = "groupe_specifique", "Atelier parents – groupe spécifique"
    FORMATION = "formation", "Formation des professionnels"
    RENCONTRE = "rencontre", "Temps d'échange entre professionnels"
    STAND = "stand", "Stand"
    FORUM = "forum", "Forum / village santé"


PARENT_KINDS = frozenset(
    {
        EventKind.GROUPE_INFORMATION,
        EventKind.GROUPE_PARTAGE,
        EventKind.GROUPE_SPECIFIQUE,
        EventKind.STAND,
        EventKind.FORUM,
    }
)


class RegistrationKind(models.TextChoices):
    PARENT = "parent", "Parent"
    PROFESSIONNEL = "professionnel", "Professionnel"


class RegistrationStatus(models.TextChoices):
    CONFIRMEE = "confirmee", "Confirmée"
    ATTENTE = "attente", "Liste d'attente"
    ANNULEE = "annulee", "Annulée"


class ParticipationRole(models.TextChoices):
    ANIMATION = "animation", "Animation"
    PARTICIPATION = "participation", "Participation"
    ORGANISATION = "organisation", "Organisation"
