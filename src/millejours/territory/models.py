"""Communes (keyed by INSEE code) and the territories (CPTS) made of them."""

from __future__ import annotations

from django.db import models

from millejours.lib.fields import optional_fk


class Commune(models.Model):
    insee_code = models.CharField("code INSEE", max_length=5, unique=True)
    name = models.CharField("nom", max_length=200)
    postcodes = models.JSONField("codes postaux", default=list, blank=True)
    population = models.PositiveIntegerField("population", null=True, blank=True)
    latitude = models.FloatField("latitude de la mairie", null=True, blank=True)
    longitude = models.FloatField("longitude de la mairie", null=True, blank=True)
    departement = models.CharField("département", max_length=3, blank=True, default="")
    epci_siren = models.CharField(
        "EPCI (SIREN)", max_length=9, blank=True, default="", db_index=True
    )

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="commune_name_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.insee_code})"


class Territory(models.Model):
    """The area a CPTS (or a PMI circonscription) serves."""

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField(unique=True)
    communes = models.ManyToManyField(Commune, related_name="territories", blank=True)
    organisation = optional_fk("accounts.Organisation", related_name="territories")

    class Meta:
        verbose_name = "territoire"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
