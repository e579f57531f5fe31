"""Referent follow-up (BRIEF domain 6): contacts log, care-plan goals, case reviews.

A family's referent (``pathway.Family.referent``, also in its care team with the role
``referent``) follows it from inclusion to the child's 3 months. Free-text notes are
encrypted at rest (``trust.fields.EncryptedTextField``).
"""

from __future__ import annotations

from django.db import models

from millejours.audit.fields import EncryptedTextField
from millejours.lib.fields import actor_field, family_field

from .choices import ContactChannel, GoalStatus


class Contact(models.Model):
    """One contact of the referent with the family (or about it)."""

    family = family_field("followup_contacts")
    author = actor_field(blank=False)
    occurred_on = models.DateField("date du contact")
    channel = models.CharField("type de contact", max_length=20, choices=ContactChannel.choices)
    summary = EncryptedTextField("compte rendu", blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "contact d'accompagnement"
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["family", "occurred_on"], name="followup_contact_family_date")
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} du {self.occurred_on:%d/%m/%Y}"


class CareGoal(models.Model):
    """A goal of the family's care plan (projet d'accompagnement)."""

    family = family_field("followup_goals")
    title = models.CharField("objectif", max_length=200)
    target_date = models.DateField("échéance", null=True, blank=True)
    status = models.CharField(
        "état", max_length=12, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    created_by = actor_field(blank=False)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_on = models.DateField("clos le", null=True, blank=True)

    class Meta:
        verbose_name = "objectif d'accompagnement"
        ordering = ["status", "target_date", "id"]
        indexes = [models.Index(fields=["family", "status"], name="followup_goal_family_status")]

    def __str__(self) -> str:
        return self.title


class CaseReview(models.Model):
    """A case review (synthèse pluriprofessionnelle) prepared by the referent."""

    family = family_field("followup_reviews")
    held_on = models.DateField("date de la synthèse")
    participants = models.CharField("participants", max_length=300, blank=True, default="")
    summary = EncryptedTextField("synthèse et décisions", blank=True, default="")
    prepared_by = actor_field(blank=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "synthèse de situation"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["family", "held_on"], name="followup_review_family_date")]

    def __str__(self) -> str:
        return f"Synthèse du {self.held_on:%d/%m/%Y}"
