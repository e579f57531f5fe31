"""Strings of data files and model choices shown on the translated pages.

``makemessages`` only finds strings marked in code and templates: the calendar's step
labels (``pathway/calendar/rules/*.yaml``) and a few model choices are listed here so
that they reach the message catalogues. A test (tests/core/test_i18n_catalogues.py)
fails when a label is missing here; templates translate them with
``{% translate value %}``.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

# pathway/calendar/rules/*.yaml: step labels shown in the parent's calendar.
CALENDAR_LABELS = (
    gettext_noop("Examen de l'enfant dans les 8 jours"),
    gettext_noop("Examen de l'enfant au cours de la 2e semaine"),
    gettext_noop("Examen de l'enfant avant la fin du 1er mois"),
    gettext_noop("Examen de l'enfant au cours du 2e mois"),
    gettext_noop("Examen de l'enfant au cours du 3e mois"),
    gettext_noop("Examen de l'enfant au cours du 4e mois"),
    gettext_noop("Examen de l'enfant au cours du 5e mois"),
    gettext_noop("Examen de l'enfant au cours du 6e mois"),
    gettext_noop("Examen de l'enfant au cours du 9e mois"),
    gettext_noop("Examen de l'enfant au cours du 12e mois"),
    gettext_noop("Examen de l'enfant au cours du 13e mois"),
    gettext_noop("Examen de l'enfant entre 16 et 18 mois"),
    gettext_noop("Examen de l'enfant au cours du 24e ou du 25e mois"),
    gettext_noop("Fin des 1000 premiers jours (2 ans de l'enfant)"),
    gettext_noop("Déclaration de grossesse (CPAM et CAF)"),
    gettext_noop("Premier examen prénatal"),
    gettext_noop("Échographie du 1er trimestre"),
    gettext_noop("Entretien prénatal précoce (EPP)"),
    gettext_noop("Bilan prénatal de prévention (sage-femme)"),
    gettext_noop("Examen prénatal du 4e mois"),
    gettext_noop("Examen prénatal du 5e mois"),
    gettext_noop("Examen prénatal du 6e mois"),
    gettext_noop("Examen prénatal du 7e mois"),
    gettext_noop("Examen prénatal du 8e mois"),
    gettext_noop("Examen prénatal du 9e mois"),
    gettext_noop("Échographie du 2e trimestre"),
    gettext_noop("Échographie du 3e trimestre"),
    gettext_noop("Vaccination contre la coqueluche (mère)"),
    gettext_noop("Vaccination contre le VRS (mère, Abrysvo)"),
    gettext_noop("Vaccination contre la grippe (mère)"),
    gettext_noop("Vaccination contre le Covid-19 (mère)"),
    gettext_noop("Dépistage ciblé du diabète gestationnel (HGPO 75 g)"),
    gettext_noop("Consultation pré-anesthésique"),
    gettext_noop("Préparation à la naissance et à la parentalité (7 séances)"),
    gettext_noop("Date prévue d'accouchement (terme)"),
    gettext_noop("Visite de la sage-femme au retour à domicile (PRADO)"),
    gettext_noop("Entretien postnatal précoce (EPNP)"),
    gettext_noop("Second entretien postnatal"),
    gettext_noop("Examen postnatal"),
    gettext_noop("Vaccination contre la coqueluche de la mère après la naissance (cocooning)"),
    gettext_noop("Rééducation du périnée (prescrite à l'examen postnatal)"),
    gettext_noop("Vaccin hexavalent DTCaP-Hib-HepB (1re dose)"),
    gettext_noop("Vaccin hexavalent DTCaP-Hib-HepB (2e dose)"),
    gettext_noop("Vaccin hexavalent DTCaP-Hib-HepB (3e dose)"),
    gettext_noop("Vaccin contre le pneumocoque (1re dose)"),
    gettext_noop("Vaccin contre le pneumocoque (2e dose)"),
    gettext_noop("Vaccin contre le pneumocoque (3e dose)"),
    gettext_noop("Vaccin contre le pneumocoque (dose supplémentaire du prématuré)"),
    gettext_noop("Vaccin contre le méningocoque B (1re dose)"),
    gettext_noop("Vaccin contre le méningocoque B (2e dose)"),
    gettext_noop("Vaccin contre le méningocoque B (3e dose)"),
    gettext_noop("Vaccin contre les méningocoques ACWY (1re dose)"),
    gettext_noop(
        "Vaccin contre le méningocoque C (1re dose, calendrier antérieur à 2025 ; rattrapage en ACWY depuis 2025)"
    ),
    gettext_noop("Vaccin contre les méningocoques ACWY (2e dose)"),
    gettext_noop(
        "Vaccin contre le méningocoque C (2e dose, calendrier antérieur à 2025 ; rattrapage en ACWY depuis 2025)"
    ),
    gettext_noop("Vaccin rougeole-oreillons-rubéole (1re dose)"),
    gettext_noop("Vaccin rougeole-oreillons-rubéole (2e dose)"),
    gettext_noop("Vaccin contre le rotavirus (1re dose)"),
    gettext_noop("Vaccin contre le rotavirus (2e dose)"),
    gettext_noop("Vaccin contre le rotavirus (3e dose, vaccin à 3 doses)"),
    gettext_noop("Immunisation du nourrisson contre le VRS (nirsévimab)"),
    gettext_noop("Vaccin BCG (situations à risque)"),
)

# pathway.choices.MilestoneState, screening.choices.Respondent and the parent's role
# (accounts.choices.Role, in the page header) labels.
CHOICE_LABELS = (
    gettext_noop("Parent"),
    gettext_noop("À venir"),
    gettext_noop("À faire"),
    gettext_noop("En retard"),
    gettext_noop("Fait"),
    gettext_noop("Non applicable"),
    gettext_noop("Non réalisé"),
    gettext_noop("Le parent, depuis son espace"),
    gettext_noop("Avec un professionnel"),
    gettext_noop("Anonyme (page publique)"),
)

# audit.choices.ConsentScope, accounts.choices.Profession and the access-log parts
# (audit.selectors.PAGE_LABELS / APP_LABELS), shown on the parent's privacy pages.
PRIVACY_LABELS = (
    gettext_noop("Partage des informations au sein de l'équipe de soins"),
    gettext_noop("Être contacté(e) par SMS"),
    gettext_noop("Être contacté(e) par courriel"),
    gettext_noop("Utilisation de données pseudonymisées pour les indicateurs"),
    gettext_noop("Sage-femme"),
    gettext_noop("Médecin généraliste"),
    gettext_noop("Gynécologue-obstétricien"),
    gettext_noop("Pédiatre"),
    gettext_noop("Puéricultrice"),
    gettext_noop("Infirmier"),
    gettext_noop("Pharmacien"),
    gettext_noop("Masseur-kinésithérapeute"),
    gettext_noop("Psychologue"),
    gettext_noop("Assistant de service social"),
    gettext_noop("Technicien de l'intervention sociale et familiale (TISF)"),
    gettext_noop("Coordinateur de parcours"),
    gettext_noop("Autre"),
    gettext_noop("Dossier de la famille"),
    gettext_noop("Modification du dossier"),
    gettext_noop("Calendrier du suivi"),
    gettext_noop("Accès exceptionnel (bris de glace)"),
    gettext_noop("Dossier de suivi"),
    gettext_noop("Repérage (questionnaires)"),
    gettext_noop("Orientations"),
    gettext_noop("Accompagnement"),
    gettext_noop("Échange de données"),
    gettext_noop("Ateliers"),
    gettext_noop("Aller vers"),
    gettext_noop("Bilan prévention"),
    gettext_noop("Données personnelles"),
)

# programme.choices.EventKind: the kinds of public workshops (public workshop pages).
EVENT_KIND_LABELS = (
    gettext_noop("Atelier parents – groupe d'information"),
    gettext_noop("Atelier parents – groupe de partage"),
    gettext_noop("Atelier parents – groupe spécifique"),
    gettext_noop("Stand"),
    gettext_noop("Forum / village santé"),
)

# directory.opening_hours.open_now_label: « ouvert maintenant » on the resource pages.
OPEN_NOW_LABELS = (
    gettext_noop("oui"),
    gettext_noop("non"),
    gettext_noop("à confirmer"),
    gettext_noop("horaires non renseignés"),
)

# checkup.choices.Stage and Progress, and the "true or false" answers of the check-up
# questionnaire (checkup/data/*.yaml, ``vrai_faux``), shown on the parent's check-up pages.
CHECKUP_LABELS = (
    gettext_noop("Pendant la grossesse"),
    gettext_noop("Après la naissance"),
    gettext_noop("En dehors d'une grossesse suivie"),
    gettext_noop("En cours"),
    gettext_noop("Atteint"),
    gettext_noop("Abandonné"),
    gettext_noop("Modifié"),
    gettext_noop("Vrai"),
    gettext_noop("Faux"),
    gettext_noop("Je ne sais pas"),
)
