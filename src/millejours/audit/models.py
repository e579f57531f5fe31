"""Trust: the access log of family records (append-only, hash-chained)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from millejours.lib.fields import actor_field, family_field

from .choices import ConsentScope, ErasureKind
from .fields import EncryptedTextField


class AccessLog(models.Model):
    """One read of a family record. Rows are never updated nor deleted.

    ``entry_hash`` = HMAC-SHA256, with the access-log key named by ``key_id``, of the
    previous entry's hash and this entry's canonical content (see ``audit.chain``), so that
    editing or deleting a row breaks the chain (``millejours accesslog verify``) and nobody
    without the key (kept outside the database) can forge a link.
    """

    at = models.DateTimeField("date", db_index=True)
    user = actor_field()
    actor_label = models.CharField("personne", max_length=200)
    actor_profession = models.CharField("profession", max_length=100, blank=True, default="")
    actor_organisation = models.CharField("organisation", max_length=200, blank=True, default="")
    family_id_ref = models.BigIntegerField("famille", db_index=True)
    page = models.CharField("page", max_length=100)
    path = models.CharField("adresse", max_length=300, blank=True, default="")
    break_glass = models.BooleanField("bris de glace", default=False)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)
    key_id = models.CharField("clé", max_length=16, default="")

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
    actor = actor_field()
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


class AccessLogHead(models.Model):
    """The head of the access-log chain (one row), updated with every new entry.

    It is the lock that serialises writers, and it lets ``accesslog verify`` notice that
    the *last* entries were deleted (a chain alone cannot tell). It is signed (``mac``,
    HMAC with the access-log key ``key_id``) so that it cannot be rewritten to match a
    truncated log, and it is never rebuilt from the rows (see ``audit.services``).
    """

    last_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    count = models.BigIntegerField(default=0)
    key_id = models.CharField(max_length=16, default="")
    mac = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = "tête du journal des accès"

    def __str__(self) -> str:
        return f"{self.count} entrées, dernière n° {self.last_id}"


class Consent(models.Model):
    """One period during which a family gave a consent (``withdrawn_at`` ends it).

    Rows are never deleted: the history of a scope is the list of its rows. The current
    state of a scope is its latest row (given while ``withdrawn_at`` is empty); with no
    row at all the default of ``trust.selectors.CONSENT_DEFAULTS`` applies.
    """

    family = family_field("consents")
    scope = models.CharField("objet", max_length=32, choices=ConsentScope.choices)
    given_at = models.DateTimeField("donné le")
    given_by = models.CharField("donné par", max_length=200, blank=True, default="")
    recorded_by = actor_field("enregistré par")
    withdrawn_at = models.DateTimeField("retiré le", null=True, blank=True)
    withdrawn_by = actor_field("retiré par")

    class Meta:
        verbose_name = "consentement"
        ordering = ["family", "scope", "-given_at", "-id"]
        indexes = [models.Index(fields=["family", "scope", "-id"], name="consent_family_scope")]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "scope"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="consent_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} ({'retiré' if self.withdrawn_at else 'donné'})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class BreakGlassAccess(models.Model):
    """Bris de glace: time-limited access of a professional outside the care team."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="break_glass_accesses"
    )
    family = family_field("break_glass_accesses")
    reason = EncryptedTextField("motif")
    started_at = models.DateTimeField("début")
    expires_at = models.DateTimeField("fin")
    notified_at = models.DateTimeField("DPO prévenu le", null=True, blank=True)

    class Meta:
        verbose_name = "accès en bris de glace"
        verbose_name_plural = "accès en bris de glace"
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["user", "family", "expires_at"], name="breakglass_user_family"),
            models.Index(fields=["-started_at"], name="breakglass_started"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → famille {self.family_id} ({self.started_at:%d/%m/%Y %H:%M})"


class ErasureRecord(models.Model):
    """The record that a family was erased: who, when, on which legal basis. No personal data."""

    at = models.DateTimeField("date", auto_now_add=True)
    kind = models.CharField("nature", max_length=20, choices=ErasureKind.choices)
    performed_by = actor_field()
    performed_by_label = models.CharField("réalisé par", max_length=200, blank=True, default="")
    legal_basis = models.CharField("base légale", max_length=300)
    family_count = models.PositiveIntegerField("nombre de dossiers", default=1)

    class Meta:
        verbose_name = "effacement"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.family_count} dossier(s))"
