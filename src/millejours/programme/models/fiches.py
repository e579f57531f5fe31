"""The fiche action and its lists: the call's objectives, operational objectives, actions."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from millejours.lib.fields import actor_field

from .. import vocab
from ..choices import FicheState, Mission, PublicCode

# The fiche's heading, first in its form and in its JSON document.
HEADING_FIELDS = ("title", "carrier", "mission", "framework", "theme", "state")


class Fiche(models.Model):
    title = models.CharField("libellé de l'action", max_length=250)
    carrier = models.CharField("structure porteuse", max_length=200, blank=True, default="")
    mission = models.CharField(
        "mission socle ou complémentaire concernée",
        max_length=30,
        choices=Mission.choices,
        default=Mission.SOCLE_PREVENTION,
    )
    framework = models.CharField(
        "cadre (thème de la contractualisation, appel à projets)",
        max_length=250,
        blank=True,
        default="",
    )
    theme = models.CharField("thème", max_length=40, choices=vocab.theme_choices, default="autre")
    state = models.CharField(
        "état", max_length=20, choices=FicheState.choices, default=FicheState.IDEE
    )
    preamble = models.TextField("préambule", blank=True, default="")
    context = models.TextField(
        "problématiques constatées – description du contexte", blank=True, default=""
    )
    territorial_indicators = models.TextField("indicateurs territoriaux", blank=True, default="")
    general_objective = models.TextField("objectif général", blank=True, default="")
    target_public = models.TextField("public cible", blank=True, default="")
    public_code = models.CharField(
        "public principal",
        max_length=30,
        choices=PublicCode.choices,
        default=PublicCode.PARENTS_0_3,
    )
    description = models.TextField("description du projet d'action", blank=True, default="")
    prerequisites = models.TextField("prérequis", blank=True, default="")
    start_date = models.DateField("date de mise en place", null=True, blank=True)
    start_label = models.CharField(
        "date de mise en place (en clair)",
        max_length=200,
        blank=True,
        default="",
        help_text="Par exemple : « à partir du 2e semestre 2019 ».",
    )
    duration_months = models.PositiveIntegerField("durée (mois)", null=True, blank=True)
    duration_label = models.CharField(
        "durée de l'action (en clair)", max_length=200, blank=True, default=""
    )
    references = models.TextField("références et liens", blank=True, default="")
    created_by = actor_field()
    imported_from = models.CharField("importée de", max_length=200, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "fiche action"
        verbose_name_plural = "fiches action"
        ordering = ["title", "id"]
        indexes = [
            models.Index(fields=["state", "title"], name="fiche_state_title_idx"),
            models.Index(fields=["theme", "title"], name="fiche_theme_title_idx"),
            models.Index(fields=["public_code", "title"], name="fiche_public_title_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class FicheCallObjective(models.Model):
    """Link of a fiche to one of the six objectives of the regional calls (seed 001)."""

    fiche = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="call_objectives")
    code = models.PositiveSmallIntegerField(
        "objectif",
        choices=vocab.call_objective_choices,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["fiche", "code"], name="fiche_objective_unique")
        ]
        indexes = [models.Index(fields=["code", "fiche"], name="fiche_objective_code_idx")]

    def __str__(self) -> str:
        return self.get_code_display()


class FicheLine(models.Model):
    """One line of a list of a fiche, in its order (``position``).

    Abstract: each list has its own table (the migrations are unchanged by this base class).
    """

    position = models.PositiveIntegerField("ordre", default=0)
    text = models.TextField("texte")

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class OperationalObjective(FicheLine):
    fiche = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="objectives")
    text = models.TextField("objectif opérationnel")


class ActionItem(FicheLine):
    fiche = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField("action")
