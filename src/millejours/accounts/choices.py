"""Vocabularies of people and organisations: roles, professions (and their groups), memberships."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    PARENT = "parent", "Parent"
    PROFESSIONAL = "professionnel", "Professionnel de santé"
    REFERENT = "referent", "Référent parcours périnatalité"
    COORDINATOR = "coordination", "Coordination CPTS"
    PARTNER = "partenaire", "Structure partenaire"
    FUNDER = "financeur", "Financeur (ARS, CPAM) : indicateurs agrégés seulement"
    ADMIN = "admin", "Administrateur"


class Profession(models.TextChoices):
    SAGE_FEMME = "sage_femme", "Sage-femme"
    MEDECIN_GENERALISTE = "medecin_generaliste", "Médecin généraliste"
    GYNECOLOGUE = "gynecologue", "Gynécologue-obstétricien"
    PEDIATRE = "pediatre", "Pédiatre"
    PUERICULTRICE = "puericultrice", "Puéricultrice"
    INFIRMIER = "infirmier", "Infirmier"
    PHARMACIEN = "pharmacien", "Pharmacien"
    KINESITHERAPEUTE = "masseur_kinesitherapeute", "Masseur-kinésithérapeute"
    PSYCHOLOGUE = "psychologue", "Psychologue"
    ASSISTANT_SOCIAL = "assistant_social", "Assistant de service social"
    TISF = "tisf", "Technicien de l'intervention sociale et familiale (TISF)"
    COORDINATEUR = "coordinateur", "Coordinateur de parcours"
    AUTRE = "autre", "Autre"


# Professions registered in the RPPS (Répertoire partagé des professionnels de santé).
PROFESSIONS_WITH_RPPS = frozenset(
    {
        Profession.SAGE_FEMME,
        Profession.MEDECIN_GENERALISTE,
        Profession.GYNECOLOGUE,
        Profession.PEDIATRE,
        Profession.PHARMACIEN,
        Profession.KINESITHERAPEUTE,
        Profession.INFIRMIER,
        Profession.PSYCHOLOGUE,
    }
)

PROFESSIONAL_ROLES = frozenset({Role.PROFESSIONAL, Role.REFERENT})

# Professions that may be the medical referent (validates the clinical rules).
CLINICAL_PROFESSIONS = frozenset(
    {
        Profession.SAGE_FEMME,
        Profession.MEDECIN_GENERALISTE,
        Profession.GYNECOLOGUE,
        Profession.PEDIATRE,
    }
)


class OrganisationKind(models.TextChoices):
    CPTS = "cpts", "CPTS"
    PMI = "pmi", "PMI"
    MATERNITE = "maternite", "Maternité"
    CABINET = "cabinet", "Cabinet libéral"
    MSP = "msp", "Maison de santé pluriprofessionnelle"
    CENTRE_SANTE = "centre_sante", "Centre de santé"
    ASSOCIATION = "association", "Association"
    CAF = "caf", "CAF"
    CPAM = "cpam", "CPAM"
    CCAS = "ccas", "CCAS / CIAS"
    HOPITAL = "hopital", "Établissement hospitalier"
    COLLECTIVITE = "collectivite", "Collectivité"
    AUTRE = "autre", "Autre"


class MembershipRole(models.TextChoices):
    MEMBER = "membre", "Membre"
    MANAGER = "responsable", "Responsable"
