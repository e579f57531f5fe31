"""The professionals' participation: time spent on a fiche and its compensation."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from millejours.lib.fields import optional_fk

from ..choices import ParticipationRole
from .events import Session
from .fiches import Fiche


class Participation(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="programme_participations"
    )
    fiche = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="participations")
    session = optional_fk(Session, related_name="participations")
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
