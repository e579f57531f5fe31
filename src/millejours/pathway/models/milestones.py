"""Milestones: the key appointments computed by the calendar engine."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from millejours.lib.fields import actor_field, family_field

from ..choices import MilestoneState, Subject
from .families import Child, Pregnancy


class Milestone(models.Model):
    """One key appointment of a pathway, materialised from a calendar rule."""

    family = family_field("milestones")
    # Indexed by ``milestone_pregnancy_code`` below (pregnancy first), not on its own.
    pregnancy = models.ForeignKey(
        Pregnancy, on_delete=models.CASCADE, related_name="milestones", db_index=False
    )
    child = models.ForeignKey(
        Child, null=True, blank=True, on_delete=models.CASCADE, related_name="milestones"
    )
    subject = models.CharField(max_length=10, choices=Subject.choices)
    code = models.CharField("code", max_length=64)
    rule_version = models.CharField("version de la règle", max_length=32)
    label = models.CharField("libellé", max_length=200)
    category = models.CharField("catégorie", max_length=32)
    status = models.CharField("statut réglementaire", max_length=16)
    due = models.DateField("date cible")
    window_start = models.DateField("début de la fenêtre")
    window_end = models.DateField("fin de la fenêtre")
    state = models.CharField(
        max_length=16, choices=MilestoneState.choices, default=MilestoneState.UPCOMING
    )
    review = models.BooleanField("à valider cliniquement", default=False)
    source = models.URLField("source", max_length=500, blank=True, default="")
    done_on = models.DateField("réalisé le", null=True, blank=True)
    done_by = actor_field()
    done_by_label = models.CharField("réalisé par", max_length=200, blank=True, default="")
    done_note = models.TextField("note", blank=True, default="")
    # « Reporter »: the step leaves the worklist and comes back on ``postponed_to``.
    postponed_to = models.DateField("reporté au", null=True, blank=True)
    postpone_reason = models.CharField("motif du report", max_length=200, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "étape du parcours"
        ordering = ["due", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["pregnancy", "code"],
                condition=Q(child__isnull=True),
                name="milestone_unique_pregnancy_code",
            ),
            models.UniqueConstraint(
                fields=["child", "code"],
                condition=Q(child__isnull=False),
                name="milestone_unique_child_code",
            ),
            models.CheckConstraint(
                condition=Q(window_start__lte=models.F("due")) & Q(due__lte=models.F("window_end")),
                name="milestone_window_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["family", "state", "due"], name="milestone_family_state_due"),
            models.Index(fields=["state", "window_start"], name="milestone_state_start"),
            models.Index(fields=["state", "window_end"], name="milestone_state_end"),
            # « This pregnancy's step CODE » (the indicators' EXISTS, materialisation):
            # one index entry instead of the pregnancy's ~45 rows (docs/echelle.md).
            models.Index(fields=["pregnancy", "code"], name="milestone_pregnancy_code"),
            # The worklist (pathway.worklist): open milestones of a professional's families.
            # ``id`` is a trailing key column (not ``include=``, which SQLite ignores with a
            # models.W040 warning) so that choosing a page's ids is an index-only scan.
            # Every column the worklist filters or sorts on (buckets, postponement,
            # regulatory status, category) so that counts and page ids stay index-only.
            models.Index(
                fields=["family", "due", "window_end", "postponed_to", "status", "category", "id"],
                condition=Q(state__in=["a_venir", "a_faire", "en_retard"]),
                name="milestone_open_worklist",
            ),
            # Worklist pages ordered by date (« Cette semaine », « À venir »): walked in
            # (due, id) order, stopping after the page instead of sorting every open step
            # of the followed families (PostgreSQL, 5 800 families: 120 ms → 17 ms).
            models.Index(
                fields=["due", "id", "family", "postponed_to", "window_end"],
                condition=Q(state__in=["a_venir", "a_faire", "en_retard"]),
                name="milestone_open_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.due:%d/%m/%Y})"
