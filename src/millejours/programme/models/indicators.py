"""A fiche's follow-up indicators, with a target and the actual value per year."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ..choices import IndicatorSource
from .fiches import Fiche


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
