"""The CPTS prevention programme: fiches action, events, registrations, partners, funding
and the professionals' participation.

A *fiche action* follows the layout of the CPTS / PMI fiches (seeds 000 and 002): titled
sections, lists of objectives and actions, partners and co-funders, a budget per year and
funder, follow-up indicators with a target per year and the actual value.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from . import vocab


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


class Fiche(models.Model):
    title = models.CharField("libellé de l'action", max_length=250)
    carrier = models.CharField("structure porteuse", max_length=200, blank=True, default="")
    mission = models.CharField(
        "mission socle ou complémentaire concernée",
        max_length=30,
        choices=Mission.choices,
        default=Mission.SOCLE_PREVENTION,
    )
    framework = models.CharField(
        "cadre (thème de la contractualisation, appel à projets)",
        max_length=250,
        blank=True,
        default="",
    )
    theme = models.CharField("thème", max_length=40, choices=vocab.theme_choices, default="autre")
    state = models.CharField(
        "état", max_length=20, choices=FicheState.choices, default=FicheState.IDEE
    )
    preamble = models.TextField("préambule", blank=True, default="")
    context = models.TextField(
        "problématiques constatées – description du contexte", blank=True, default=""
    )
    territorial_indicators = models.TextField("indicateurs territoriaux", blank=True, default="")
    general_objective = models.TextField("objectif général", blank=True, default="")
    target_public = models.TextField("public cible", blank=True, default="")
    public_code = models.CharField(
        "public principal",
        max_length=30,
        choices=PublicCode.choices,
        default=PublicCode.PARENTS_0_3,
    )
    description = models.TextField("description du projet d'action", blank=True, default="")
    prerequisites = models.TextField("prérequis", blank=True, default="")
    start_date = models.DateField("date de mise en place", null=True, blank=True)
    start_label = models.CharField(
        "date de mise en place (en clair)",
        max_length=200,
        blank=True,
        default="",
        help_text="Par exemple : « à partir du 2e semestre 2019 ».",
    )
    duration_months = models.PositiveIntegerField("durée (mois)", null=True, blank=True)
    duration_label = models.CharField(
        "durée de l'action (en clair)", max_length=200, blank=True, default=""
    )
    references = models.TextField("références et liens", blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_from = models.CharField("importée de", max_length=200, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "fiche action"
        verbose_name_plural = "fiches action"
        ordering = ["title", "id"]
        indexes = [
            models.Index(fields=["state", "title"], name="fiche_state_title_idx"),
            models.Index(fields=["theme", "title"], name="fiche_theme_title_idx"),
            models.Index(fields=["public_code", "title"], name="fiche_public_title_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class FicheCallObjective(models.Model):
    """Link of a fiche to one of the six objectives of the regional calls (seed 001)."""

    fiche = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="call_objectives")
    code = models.PositiveSmallIntegerField(
        "objectif",
        choices=vocab.call_objective_choices,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["fiche", "code"], name="fiche_objective_unique")
        ]
        indexes = [models.Index(fields=["code", "fiche"], name="fiche_objective_code_idx")]

    def __str__(self) -> str:
        return self.get_code_display()


class OperationalObjective(models.Model):
    fiche = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveIntegerField("ordre", default=0)
    text = models.TextField("objectif opérationnel")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionItem(models.Model):
    fiche = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveIntegerField("ordre", default=0)
    text = models.TextField("action")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


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


class Partner(models.Model):
    """A partner structure (until the directory's structures are linked)."""

    name = models.CharField("nom", max_length=200, unique=True)
    kind = models.CharField(
        "type", max_length=20, choices=PartnerKind.choices, default=PartnerKind.ASSOCIATION
    )
    structure = models.ForeignKey(
        "directory.Structure",
        verbose_name="structure de l'annuaire",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_partners",
    )
    convention_signed_on = models.DateField("convention signée le", null=True, blank=True)
    convention_file = models.FileField(
        "convention (fichier)", upload_to="programme/conventions/", blank=True
    )
    contact_name = models.CharField("contact", max_length=200, blank=True, default="")
    contact_email = models.EmailField("courriel du contact", blank=True, default="")
    contact_phone = models.CharField("téléphone du contact", max_length=20, blank=True, default="")
    notes = models.TextField("notes", blank=True, default="")

    class Meta:
        verbose_name = "partenaire"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_convention(self) -> bool:
        return self.convention_signed_on is not None


class PartnerRole(models.TextChoices):
    PORTEUR = "porteur", "Porteur"
    PARTENAIRE = "partenaire", "Partenaire"
    COFINANCEUR = "cofinanceur", "Co-financeur"
    INTERVENANT = "intervenant", "Intervenant"


class FichePartner(models.Model):
    fiche = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="partner_links")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="fiche_links")
    role = models.CharField(
        "rôle", max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTENAIRE
    )
    details = models.CharField("précisions", max_length=250, blank=True, default="")

    class Meta:
        ordering = ["partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiche", "partner", "role"], name="fiche_partner_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} ({self.get_role_display()})"


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


class BudgetLine(models.Model):
    fiche = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(
        "année", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    expense_item = models.CharField("poste de dépense", max_length=200)
    funder = models.CharField("financeur", max_length=200)
    funder_kind = models.CharField(
        "type de financeur", max_length=20, choices=FunderKind.choices, default=FunderKind.AUTRE
    )
    forecast = models.DecimalField("prévisionnel (€)", max_digits=12, decimal_places=2, default=0)
    actual = models.DecimalField(
        "réalisé (€)", max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = "ligne budgétaire"
        ordering = ["year", "expense_item", "funder", "id"]

    def __str__(self) -> str:
        return f"{self.year} — {self.expense_item} — {self.funder}"


class IndicatorSource(models.TextChoices):
    MANUAL = "manuel", "Saisi à la main"
    SESSIONS = "seances", "Nombre de séances réalisées"
    REGISTRATIONS = "inscriptions", "Nombre d'inscriptions confirmées"
    PARTICIPANTS = "participants", "Nombre de participants présents"
    PRO_HOURS = "heures_pros", "Heures de participation des professionnels"
    EPP = "epp", "Entretiens prénatals précoces réalisés"
    ORIENTATIONS = "orientations", "Orientations vers des dispositifs"


class Indicator(models.Model):
    fiche = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField("ordre", default=0)
    label = models.CharField("indicateur", max_length=300)
    source = models.CharField(
        "mode de calcul",
        max_length=20,
        choices=IndicatorSource.choices,
        default=IndicatorSource.MANUAL,
    )

    class Meta:
        verbose_name = "indicateur de suivi"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(
        "année", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    target = models.DecimalField("cible", max_digits=12, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField("réalisé", max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="indicator_value_year_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} — {self.year}"


# --- Events -------------------------------------------------------------------------------


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


class Event(models.Model):
    """An event of the CPTS programme, or another actor's action in the shared agenda."""

    fiche = models.ForeignKey(
        Fiche, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    title = models.CharField("intitulé", max_length=250)
    kind = models.CharField(
        "type", max_length=30, choices=EventKind.choices, default=EventKind.GROUPE_INFORMATION
    )
    theme = models.CharField("thème", max_length=40, choices=vocab.theme_choices, default="autre")
    description = models.TextField("description", blank=True, default="")
    is_public = models.BooleanField(
        "inscriptions ouvertes au public (parents)",
        default=False,
        help_text="L'atelier apparaît sur la page publique des ateliers.",
    )
    is_external = models.BooleanField("action d'un autre acteur", default=False)
    organiser = models.CharField("organisateur", max_length=200, blank=True, default="")
    communes = models.ManyToManyField(
        "territory.Commune",
        verbose_name="communes ciblées",
        blank=True,
        related_name="programme_events",
    )
    source_uid = models.CharField(
        "identifiant d'origine (import)", max_length=255, blank=True, default=""
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "événement"
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["theme", "is_external"], name="event_theme_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def for_parents(self) -> bool:
        return self.kind in PARENT_KINDS


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin", null=True, blank=True)
    commune = models.ForeignKey(
        "territory.Commune",
        verbose_name="commune",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place = models.CharField("lieu", max_length=250, blank=True, default="")
    capacity = models.PositiveIntegerField(
        "nombre de places", null=True, blank=True, help_text="Vide : sans limite."
    )
    speakers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="intervenants",
        blank=True,
        related_name="programme_sessions",
    )
    speakers_text = models.CharField("autres intervenants", max_length=250, blank=True, default="")
    source_uid = models.CharField(
        "identifiant d'origine (import)", max_length=255, blank=True, default=""
    )
    attendance_recorded_at = models.DateTimeField("présences saisies le", null=True, blank=True)

    class Meta:
        verbose_name = "séance"
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at"], name="session_starts_idx")]

    def __str__(self) -> str:
        return f"{self.event.title} — {self.starts_at:%d/%m/%Y}"


class RegistrationKind(models.TextChoices):
    PARENT = "parent", "Parent"
    PROFESSIONNEL = "professionnel", "Professionnel"


class RegistrationStatus(models.TextChoices):
    CONFIRMEE = "confirmee", "Confirmée"
    ATTENTE = "attente", "Liste d'attente"
    ANNULEE = "annulee", "Annulée"


class Registration(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    kind = models.CharField(
        "type", max_length=20, choices=RegistrationKind.choices, default=RegistrationKind.PARENT
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_registrations",
    )
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    email = models.EmailField("adresse électronique")
    phone = models.CharField("téléphone", max_length=20, blank=True, default="")
    status = models.CharField(
        "statut",
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMEE,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField("passée de la liste d'attente le", null=True, blank=True)
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)
    attended = models.BooleanField("présent", null=True, blank=True)
    reminder_sent_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "inscription"
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["session", "status", "created_at"], name="registration_queue_idx")
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class SatisfactionResponse(models.Model):
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="satisfaction"
    )
    rating = models.PositiveSmallIntegerField(
        "note globale", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    useful = models.BooleanField("utile pour moi", default=True)
    would_recommend = models.BooleanField("je le recommanderais", default=True)
    comment = models.TextField("commentaire", blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Avis {self.rating}/5 — {self.registration}"


# --- Professionals' participation --------------------------------------------------------


class ParticipationRole(models.TextChoices):
    ANIMATION = "animation", "Animation"
    PARTICIPATION = "participation", "Participation"
    ORGANISATION = "organisation", "Organisation"


class Participation(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="programme_participations"
    )
    fiche = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="participations")
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="participations"
    )
    date = models.DateField("date")
    role = models.CharField("rôle", max_length=20, choices=ParticipationRole.choices)
    hours = models.DecimalField(
        "durée (heures)", max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    hourly_rate = models.DecimalField("tarif horaire (€)", max_digits=8, decimal_places=2)
    amount = models.DecimalField("indemnisation (€)", max_digits=10, decimal_places=2)
    paid_at = models.DateField("payée le", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "participation"
        ordering = ["-date", "id"]
        indexes = [
            models.Index(fields=["fiche", "user"], name="participation_fiche_user_idx"),
            models.Index(fields=["date"], name="participation_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.fiche} — {self.date:%d/%m/%Y}"
