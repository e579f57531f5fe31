"""Trust: the access log of family records (append-only, hash-chained)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AccessLog(models.Model):
    """One read of a family record. Rows are never updated nor deleted.

    ``entry_hash`` = SHA-256 of the previous entry's hash and this entry's canonical
    content (see ``trust.services.record_access``), so that editing or deleting a row
    breaks the chain (``millejours accesslog verify``).
    """

    at = models.DateTimeField("date", db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField("personne", max_length=200)
    actor_profession = models.CharField("profession", max_length=100, blank=True, default="")
    actor_organisation = models.CharField("organisation", max_length=200, blank=True, default="")
    family_id_ref = models.BigIntegerField("famille", db_index=True)
    page = models.CharField("page", max_length=100)
    path = models.CharField("adresse", max_length=300, blank=True, default="")
    break_glass = models.BooleanField("bris de glace", default=False)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = "accès à un dossier"
        verbose_name_plural = "journal des accès"
        ordering = ["id"]
        indexes = [models.Index(fields=["family_id_ref", "-at"], name="accesslog_family_at")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_label} → famille {self.family_id_ref} ({self.page})"


class AuditEvent(models.Model):
    """The audit trail of changes that matter to a family (who did what, when)."""

    at = models.DateTimeField("date", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField("auteur", max_length=200, blank=True, default="")
    family_id_ref = models.BigIntegerField("famille", null=True, blank=True, db_index=True)
    action = models.CharField("action", max_length=64, db_index=True)
    object_type = models.CharField("objet", max_length=64, blank=True, default="")
    object_id = models.CharField("identifiant", max_length=64, blank=True, default="")
    details = models.JSONField("détails", default=dict, blank=True)

    class Meta:
        verbose_name = "événement d'audit"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_label} {self.action}"
