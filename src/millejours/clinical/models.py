"""A clinician's validation of one version of a rule marked ``review: true``."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RuleValidation(models.Model):
    """Who validated which version of which rule, when, with what comment.

    The rule itself lives in versioned data (see ``registry``): a new version of the rule is
    a new key, so it shows up again as « à valider ».
    """

    kind = models.CharField("type de règle", max_length=20)
    code = models.CharField("règle", max_length=120)
    version = models.CharField("version de la règle", max_length=40)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="validée par",
    )
    validated_at = models.DateTimeField("validée le", auto_now_add=True)
    comment = models.TextField("commentaire")

    class Meta:
        verbose_name = "validation d'une règle clinique"
        ordering = ["-validated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code", "version"], name="clinical_one_validation_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.version})"
