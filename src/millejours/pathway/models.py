"""The family pathway: families (foyers), parents, pregnancies, children and milestones.

A *pathway* is one pregnancy with its child or children, from the pregnancy declaration
to the second birthday of the child. A family may have several pathways over the years.
Milestones are computed by the calendar engine (``pathway.calendar``) from data rules.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q

DPA_OFFSET_DAYS = 287  # DDR + 41 SA (CNGOF convention), see docs/calendar.md


class FamilyStatus(models.TextChoices):
    ACTIVE = "actif", "Actif"
    CLOSED = "clos", "Parcours terminé"
    ANONYMISED = "anonymise", "Anonymisé"


class Family(models.Model):
    reference = models.CharField("référence", max_length=12, unique=True, editable=False)
    display_name = models.CharField("nom du foyer", max_length=200)
    commune = models.ForeignKey(
        "territory.Commune", verbose_name="commune", null=True, blank=True, on_delete=models.PROTECT
    )
    address = models.CharField("adresse", max_length=300, blank=True, default="")
    status = models.CharField(
        max_length=12, choices=FamilyStatus.choices, default=FamilyStatus.ACTIVE
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="référent parcours",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referent_of",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "famille"
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference()
        super().save(*args, **kwargs)


def new_reference() -> str:
    """A short, unguessable, human-readable family reference (e.g. ``F-7KQ2M9XA``)."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "F-" + "".join(secrets.choice(alphabet) for _ in range(8))


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


class Parent(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="parents")
    role = models.CharField(
        "rôle", max_length=10, choices=ParentRole.choices, default=ParentRole.MOTHER
    )
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    nir = models.CharField("NIR", max_length=15, blank=True, default="")
    identity_status = models.CharField(
        "statut de l'identité",
        max_length=10,
        choices=IdentityStatus.choices,
        default=IdentityStatus.PROVISIONAL,
        help_text="Seule une identité qualifiée (INS vérifiée par le téléservice INSi et sur pièce) est partagée comme INS.",
    )
    phone = models.CharField("téléphone mobile", max_length=20, blank=True, default="")
    email = models.EmailField("courriel", blank=True, default="")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parent_profile",
    )

    class Meta:
        verbose_name = "parent"
        indexes = [models.Index(fields=["nir"], name="parent_nir_idx")]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class PregnancyOutcome(models.TextChoices):
    ONGOING = "en_cours", "En cours"
    BIRTH = "naissance", "Naissance"
    ENDED = "interrompue", "Interrompue"


class Pregnancy(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="pregnancies")
    lmp = models.DateField("date des dernières règles (DDR)")
    declared_on = models.DateField("date de déclaration", null=True, blank=True)
    fetus_count = models.PositiveSmallIntegerField("nombre de fœtus", default=1)
    first_child = models.BooleanField("premier enfant (primipare)", default=False)
    outcome = models.CharField(
        "issue", max_length=12, choices=PregnancyOutcome.choices, default=PregnancyOutcome.ONGOING
    )
    ended_on = models.DateField("date de fin", null=True, blank=True)
    epnp_2_risk = models.BooleanField(
        "signes ou facteurs de risque de dépression post-partum",
        default=False,
        help_text="Rend applicable le second entretien postnatal (epnp_2).",
    )
    # Clinical facts used by the calendar rules (pathway/calendar/rules, docs/calendar.md).
    mother_immunocompromised = models.BooleanField(
        "mère immunodéprimée",
        default=False,
        help_text="Le nourrisson garde l'immunisation contre le VRS (nirsévimab) même si la mère a été vaccinée.",
    )
    bmi_25_or_more = models.BooleanField(
        "IMC avant la grossesse supérieur ou égal à 25", default=False
    )
    family_history_type2_diabetes = models.BooleanField(
        "diabète de type 2 chez un parent du 1er degré (père, mère, frère, sœur)", default=False
    )
    previous_gestational_diabetes_or_macrosomia = models.BooleanField(
        "antécédent de diabète gestationnel ou d'enfant macrosome", default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "grossesse"
        ordering = ["-lmp"]

    def __str__(self) -> str:
        return f"Grossesse (DDR {self.lmp:%d/%m/%Y})"

    @property
    def due_date(self):
        return self.lmp + timedelta(days=DPA_OFFSET_DAYS)

    @property
    def is_multiple(self) -> bool:
        return self.fetus_count > 1

    def gestational_diabetes_risk(self, mother_birth_date=None) -> bool:
        """A risk factor of gestational diabetes (CNGOF / SFD 2010): a recorded one, or the
        mother aged 35 or more on the DDR (computed from her birth date when known)."""
        if (
            self.bmi_25_or_more
            or self.family_history_type2_diabetes
            or self.previous_gestational_diabetes_or_macrosomia
        ):
            return True
        return (
            mother_birth_date is not None and age_on(mother_birth_date, self.lmp) >= MOTHER_AGE_RISK
        )


MOTHER_AGE_RISK = 35


def age_on(birth_date, day) -> int:
    """Age in whole years on ``day``."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


class Sex(models.TextChoices):
    FEMALE = "F", "Fille"
    MALE = "M", "Garçon"
    UNKNOWN = "I", "Non précisé"


class Child(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="children")
    pregnancy = models.ForeignKey(Pregnancy, on_delete=models.CASCADE, related_name="children")
    first_name = models.CharField("prénom", max_length=100, blank=True, default="")
    sex = models.CharField("sexe", max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_date = models.DateField("date de naissance")
    gestational_age_weeks = models.PositiveSmallIntegerField("âge gestationnel (SA)")
    gestational_age_days = models.PositiveSmallIntegerField("jours", default=0)

    class Meta:
        verbose_name = "enfant"
        ordering = ["birth_date", "id"]

    def __str__(self) -> str:
        return self.first_name or f"Enfant né le {self.birth_date:%d/%m/%Y}"

    @property
    def is_preterm(self) -> bool:
        """Born before 37 SA + 0."""
        return self.gestational_age_weeks < 37

    @property
    def corrected_birth_date(self):
        """Birth date + the weeks of prematurity (40 SA − gestational age at birth)."""
        ga_days = self.gestational_age_weeks * 7 + (self.gestational_age_days or 0)
        return self.birth_date + timedelta(days=max(0, CORRECTED_AGE_TERM_DAYS - ga_days))

    def ages(self, today=None) -> dict:
        """Chronological age, and for a preterm child the corrected age (developmental
        milestones are read at corrected age up to 2 years; vaccines and exams follow the
        chronological age). French labels for the child's record."""
        from django.utils import timezone

        today = today or timezone.localdate()
        out = {"chronological": age_label(self.birth_date, today), "corrected": ""}
        if self.is_preterm and today >= self.birth_date:
            corrected = self.corrected_birth_date
            if today < corrected:
                out["corrected"] = f"terme corrigé dans {age_label(today, corrected)}"
            elif months_between(corrected, today) < 24:
                out["corrected"] = age_label(corrected, today)
        return out


CORRECTED_AGE_TERM_DAYS = 40 * 7


def months_between(start, end) -> int:
    """Whole calendar months from ``start`` to ``end``."""
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def age_label(birth, today) -> str:
    """« 5 jours », « 14 semaines », « 7 mois », « 2 ans et 3 mois »."""
    days = (today - birth).days
    if days < 14:
        return f"{days} jour{'s' if days > 1 else ''}"
    if days < 17 * 7:  # weeks until 4 months (the first exams and vaccines)
        return f"{days // 7} semaines"
    months = months_between(birth, today)
    if months < 24:
        return f"{months} mois"
    years, rest = divmod(months, 12)
    return f"{years} ans" + (f" et {rest} mois" if rest else "")


class CareTeamRole(models.TextChoices):
    MEMBER = "membre", "Membre de l'équipe de soins"
    REFERENT = "referent", "Référent parcours"


class CareTeamMember(models.Model):
    """A professional in a family's care team (équipe de soins); history is kept."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="care_team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_teams"
    )
    role = models.CharField(
        max_length=10, choices=CareTeamRole.choices, default=CareTeamRole.MEMBER
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "membre de l'équipe de soins"
        constraints = [
            models.UniqueConstraint(
                fields=["family", "user"],
                condition=Q(removed_at__isnull=True),
                name="careteam_one_active",
            )
        ]
        indexes = [
            models.Index(
                fields=["user", "family"],
                condition=Q(removed_at__isnull=True),
                name="careteam_active_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.family})"


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


class Milestone(models.Model):
    """One key appointment of a pathway, materialised from a calendar rule."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="milestones")
    # Indexed by ``milestone_pregnancy_code`` below (pregnancy first), not on its own.
    pregnancy = models.ForeignKey(
        Pregnancy, on_delete=models.CASCADE, related_name="milestones", db_index=False
    )
    child = models.ForeignKey(
        Child, null=True, blank=True, on_delete=models.CASCADE, related_name="milestones"
    )
    subject = models.CharField(max_length=10, choices=Subject.choices)
    code = models.CharField("code", max_length=64)
    rule_version = models.CharField("version de la règle", max_length=32)
    label = models.CharField("libellé", max_length=200)
    category = models.CharField("catégorie", max_length=32)
    status = models.CharField("statut réglementaire", max_length=16)
    due = models.DateField("date cible")
    window_start = models.DateField("début de la fenêtre")
    window_end = models.DateField("fin de la fenêtre")
    state = models.CharField(
        max_length=16, choices=MilestoneState.choices, default=MilestoneState.UPCOMING
    )
    review = models.BooleanField("à valider cliniquement", default=False)
    source = models.URLField("source", max_length=500, blank=True, default="")
    done_on = models.DateField("réalisé le", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_by_label = models.CharField("réalisé par", max_length=200, blank=True, default="")
    done_note = models.TextField("note", blank=True, default="")
    # « Reporter »: the step leaves the worklist and comes back on ``postponed_to``.
    postponed_to = models.DateField("reporté au", null=True, blank=True)
    postpone_reason = models.CharField("motif du report", max_length=200, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "étape du parcours"
        ordering = ["due", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["pregnancy", "code"],
                condition=Q(child__isnull=True),
                name="milestone_unique_pregnancy_code",
            ),
            models.UniqueConstraint(
                fields=["child", "code"],
                condition=Q(child__isnull=False),
                name="milestone_unique_child_code",
            ),
            models.CheckConstraint(
                condition=Q(window_start__lte=models.F("due")) & Q(due__lte=models.F("window_end")),
                name="milestone_window_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["family", "state", "due"], name="milestone_family_state_due"),
            models.Index(fields=["state", "window_start"], name="milestone_state_start"),
            models.Index(fields=["state", "window_end"], name="milestone_state_end"),
            # « This pregnancy's step CODE » (the indicators' EXISTS, materialisation):
            # one index entry instead of the pregnancy's ~45 rows (docs/echelle.md).
            models.Index(fields=["pregnancy", "code"], name="milestone_pregnancy_code"),
            # The worklist (pathway.worklist): open milestones of a professional's families.
            # ``id`` is a trailing key column (not ``include=``, which SQLite ignores with a
            # models.W040 warning) so that choosing a page's ids is an index-only scan.
            # Every column the worklist filters or sorts on (buckets, postponement,
            # regulatory status, category) so that counts and page ids stay index-only.
            models.Index(
                fields=["family", "due", "window_end", "postponed_to", "status", "category", "id"],
                condition=Q(state__in=["a_venir", "a_faire", "en_retard"]),
                name="milestone_open_worklist",
            ),
            # Worklist pages ordered by date (« Cette semaine », « À venir »): walked in
            # (due, id) order, stopping after the page instead of sorting every open step
            # of the followed families (PostgreSQL, 5 800 families: 120 ms → 17 ms).
            models.Index(
                fields=["due", "id", "family", "postponed_to", "window_end"],
                condition=Q(state__in=["a_venir", "a_faire", "en_retard"]),
                name="milestone_open_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.due:%d/%m/%Y})"


class CalendarFeed(models.Model):
    """Secret link to a family's iCal feed (RFC 5545); revocable."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="calendar_feeds")
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lien d'abonnement au calendrier"

    def __str__(self) -> str:
        return f"Lien iCal de {self.family} ({'actif' if self.is_active else 'révoqué'})"

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ParentInvitation(models.Model):
    """A professional of the care team invites a parent to create their account."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="invitations")
    parent = models.ForeignKey(Parent, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField("courriel")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "invitation d'un parent"

    def __str__(self) -> str:
        return f"Invitation de {self.email} ({self.family})"
