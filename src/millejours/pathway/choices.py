"""Vocabularies of the family pathway: care team, family, parent, pregnancy, child, milestones."""

from __future__ import annotations

from django.db import models


class CareTeamRole(models.TextChoices):
    MEMBER = "membre", "Membre de l'équipe de soins"
    REFERENT = "referent", "Référent parcours"


class FamilyStatus(models.TextChoices):
    ACTIVE = "actif", "Actif"
    CLOSED = "clos", "Parcours terminé"
    ANONYMISED = "anonymise", "Anonymisé"


class ParentRole(models.TextChoices):
    MOTHER = "mere", "Mère"
    FATHER = "pere", "Père"
    CO_PARENT = "coparent", "Co-parent"
    OTHER = "autre", "Autre responsable"


class IdentityStatus(models.TextChoices):
    """Status of an identity (Référentiel national d'identitovigilance, ANS).

    Only a *qualified* identity (INS retrieved from the INSi teleservice AND checked on an
    identity document) may be shared under the INS identifiers; a NIR typed or imported
    from a declaration file is provisional. Source:
    https://esante.gouv.fr/sites/default/files/media_entity/documents/rniv-1-principes-communs.pdf
    (RNIV 1, « statuts de l'identité numérique »).
    """

    PROVISIONAL = "provisoire", "Identité provisoire"
    RETRIEVED = "recuperee", "Identité récupérée"
    VALIDATED = "validee", "Identité validée"
    QUALIFIED = "qualifiee", "Identité qualifiée"


class PregnancyOutcome(models.TextChoices):
    ONGOING = "en_cours", "En cours"
    BIRTH = "naissance", "Naissance"
    ENDED = "interrompue", "Interrompue"


class Sex(models.TextChoices):
    FEMALE = "F", "Fille"
    MALE = "M", "Garçon"
    UNKNOWN = "I", "Non précisé"


class Subject(models.TextChoices):
    PREGNANCY = "grossesse", "Grossesse"
    MOTHER = "mere", "Mère après la naissance"
    CHILD = "enfant", "Enfant"


class MilestoneState(models.TextChoices):
    UPCOMING = "a_venir", "À venir"
    DUE = "a_faire", "À faire"
    LATE = "en_retard", "En retard"
    DONE = "fait", "Fait"
    NOT_APPLICABLE = "non_applicable", "Non applicable"
    MISSED = "non_realise", "Non réalisé"


OPEN_STATES = (MilestoneState.UPCOMING, MilestoneState.DUE, MilestoneState.LATE)
# States a professional recorded: the calendar engine keeps them when it recomputes.
RECORDED_STATES = (MilestoneState.DONE, MilestoneState.MISSED)
