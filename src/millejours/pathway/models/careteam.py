"""The care team of a family (who may open its record)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from millejours.lib.fields import actor_field, family_field

from ..choices import CareTeamRole


class CareTeamMember(models.Model):
    """A professional in a family's care team (équipe de soins); history is kept."""

    family = family_field("care_team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_teams"
    )
    role = models.CharField(
        max_length=10, choices=CareTeamRole.choices, default=CareTeamRole.MEMBER
    )
    added_by = actor_field()
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
