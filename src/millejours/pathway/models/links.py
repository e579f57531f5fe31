"""Links given to parents: iCal subscription feeds and account invitations."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import models

from millejours.lib.fields import actor_field, family_field

from .families import Parent


class CalendarFeed(models.Model):
    """Secret link to a family's iCal feed (RFC 5545); revocable."""

    family = family_field("calendar_feeds")
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_by = actor_field()
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lien d'abonnement au calendrier"

    def __str__(self) -> str:
        return f"Lien iCal de {self.family} ({'actif' if self.is_active else 'révoqué'})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ParentInvitation(models.Model):
    """A professional of the care team invites a parent to create their account."""

    family = family_field("invitations")
    parent = models.ForeignKey(Parent, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField("courriel")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = actor_field(blank=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "invitation d'un parent"

    def __str__(self) -> str:
        return f"Invitation de {self.email} ({self.family})"
