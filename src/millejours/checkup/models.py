"""Prevention check-up: answers and motivation, proposed flags, the plan, goals, reviews.

Answers, motivation and the person's own words are encrypted (``audit.fields``): nothing
of them is queried in SQL. The domain codes a person chose to talk about and the goals'
domains stay in clear for the indicators (codes only, never a free text).
"""

from __future__ import annotations

from datetime import datetime

from django.db import models

from millejours.audit.fields import EncryptedJSONField, EncryptedTextField
from millejours.lib.fields import actor_field, family_field, parent_field, pregnancy_field
from millejours.screening import questionnaires
from millejours.screening.models import (
    EppFlag,
    FlagStatus,  # noqa: F401 - a check-up flag's states, part of this module's API
)

from .choices import FilledBy, Progress, Stage


def _dated(label: str, created_at: datetime | None) -> str:
    """« Bilan prévention du 30/11/2026 » (the label alone before the row is saved)."""
    return f"{label} du {created_at:%d/%m/%Y}" if created_at else label


class Checkup(models.Model):
    family = family_field("checkups")
    person = parent_field("personne")
    pregnancy = pregnancy_field()
    stage = models.CharField("moment", max_length=16, choices=Stage.choices)
    filled_as = models.CharField("rempli par", max_length=16, choices=FilledBy.choices)
    filled_by = actor_field(blank=False)
    version = models.CharField("version du questionnaire", max_length=20)
    answers = EncryptedJSONField("réponses", default=dict)
    motivation = EncryptedJSONField("motivation", default=dict)
    talk_domains = models.JSONField("domaines dont la personne veut parler", default=list)
    created_at = models.DateTimeField("rempli le", auto_now_add=True)

    class Meta:
        verbose_name = "bilan prévention"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["family", "-created_at"], name="checkup_family_date")]

    def __str__(self) -> str:
        return _dated("Bilan prévention", self.created_at)


class CheckupFlag(EppFlag):
    """An answer of the check-up touching an EPP vulnerability domain."""

    checkup = models.ForeignKey(Checkup, on_delete=models.CASCADE, related_name="flags")
    domain = models.CharField("domaine (EPP)", max_length=32)
    question = models.CharField("question", max_length=64)

    class Meta:
        verbose_name = "repérage du bilan prévention"
        ordering = ["domain"]
        constraints = [
            models.UniqueConstraint(
                fields=["checkup", "domain"], name="checkup_flag_one_per_domain"
            )
        ]

    def epp(self) -> questionnaires.Questionnaire:
        """The EPP grid in use (a check-up stores no EPP version)."""
        return questionnaires.epp()


class Plan(models.Model):
    checkup = models.OneToOneField(Checkup, on_delete=models.CASCADE, related_name="plan")
    family = family_field("checkup_plans")
    author = actor_field(blank=False)
    consent_share = models.BooleanField(
        "la personne accepte que son équipe de soins voie ce plan", default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "plan de prévention"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return _dated("Plan de prévention", self.created_at)


class Goal(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveSmallIntegerField(default=1)
    domain = models.CharField("domaine", max_length=20)
    words = EncryptedTextField("l'objectif, avec les mots de la personne")
    first_steps = EncryptedTextField("premiers pas", blank=True, default="")
    review_on = models.DateField("à revoir le")
    status = models.CharField(
        "avancement", max_length=12, choices=Progress.choices, default=Progress.ONGOING
    )
    resources = models.ManyToManyField(
        "directory.Service", blank=True, related_name="+", verbose_name="ressources"
    )

    class Meta:
        verbose_name = "objectif du plan de prévention"
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["status", "review_on"], name="checkup_goal_status_review")]

    def __str__(self) -> str:
        return f"Objectif {self.position}"

    @property
    def is_open(self) -> bool:
        return self.status in (Progress.ONGOING, Progress.CHANGED)


class GoalReview(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reviews")
    progress = models.CharField("avancement", max_length=12, choices=Progress.choices)
    note = EncryptedTextField("note", blank=True, default="")
    next_review_on = models.DateField("prochaine revue", null=True, blank=True)
    reviewed_by = actor_field(blank=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "revue d'objectif"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.get_progress_display()
