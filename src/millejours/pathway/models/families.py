"""Families (foyers), parents, pregnancies and children."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from millejours.lib.fields import actor_field, family_field, optional_fk

from ..choices import FamilyStatus, IdentityStatus, ParentRole, PregnancyOutcome, Sex

DPA_OFFSET_DAYS = 287  # DDR + 41 SA (CNGOF convention), see docs/calendar.md


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
    referent = optional_fk(
        settings.AUTH_USER_MODEL, verbose_name="référent parcours", related_name="referent_of"
    )
    created_by = actor_field()
    # Language of the parent pages, SMS and e-mails (pathway.languages; French by default).
    preferred_language = models.CharField(
        "langue préférée", max_length=8, choices=settings.LANGUAGES, default="fr"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "famille"
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.reference:
            self.reference = new_reference()
        super().save(*args, **kwargs)


def new_reference() -> str:
    """A short, unguessable, human-readable family reference (e.g. ``F-7KQ2M9XA``)."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "F-" + "".join(secrets.choice(alphabet) for _ in range(8))


class Parent(models.Model):
    family = family_field("parents")
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


class Pregnancy(models.Model):
    family = family_field("pregnancies")
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
    def due_date(self) -> date:
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


def age_on(birth_date: date, day: date) -> int:
    """Age in whole years on ``day``."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


class Child(models.Model):
    family = family_field("children")
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
    def corrected_birth_date(self) -> date:
        """Birth date + the weeks of prematurity (40 SA − gestational age at birth)."""
        ga_days = self.gestational_age_weeks * 7 + (self.gestational_age_days or 0)
        return self.birth_date + timedelta(days=max(0, CORRECTED_AGE_TERM_DAYS - ga_days))

    def ages(self, today: date | None = None) -> dict[str, str]:
        """Chronological age, and for a preterm child the corrected age (developmental
        milestones are read at corrected age up to 2 years; vaccines and exams follow the
        chronological age). French labels for the child's record."""
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


def months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end``."""
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def age_label(birth: date, today: date) -> str:
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
