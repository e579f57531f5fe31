"""A fiche's partners and co-funders, and its budget per year and funder."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from millejours.lib.fields import optional_fk

from ..choices import FunderKind, PartnerKind, PartnerRole
from .fiches import Fiche


class Partner(models.Model):
    """A partner structure (until the directory's structures are linked)."""

    name = models.CharField("nom", max_length=200, unique=True)
    kind = models.CharField(
        "type", max_length=20, choices=PartnerKind.choices, default=PartnerKind.ASSOCIATION
    )
    structure = optional_fk(
        "directory.Structure",
        verbose_name="structure de l'annuaire",
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
