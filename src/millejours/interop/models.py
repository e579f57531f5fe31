"""Models of the interop domain: API tokens and subscriptions to other CPTS' fiche feeds."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from millejours.lib.fields import actor_field


class ApiToken(models.Model):
    """A bearer token of the open API. Only a SHA-256 digest of the secret is stored."""

    name = models.CharField("nom (usage, partenaire)", max_length=120)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name="compte",
        help_text="Les données de familles suivent la visibilité de ce compte.",
    )
    prefix = models.CharField("préfixe", max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField("portées", default=list)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    expires_at = models.DateTimeField("expire le")
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)

    class Meta:
        verbose_name = "jeton d'API"
        verbose_name_plural = "jetons d'API"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def created_at_or_now(self):
        return self.created_at or timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class FeedSubscription(models.Model):
    """Another CPTS' fiche catalogue (``millejours.fiche/1`` feed), by URL or uploaded file."""

    name = models.CharField("CPTS", max_length=200)
    url = models.URLField("adresse du flux", max_length=500, blank=True, default="")
    created_by = actor_field()
    created_at = models.DateTimeField(auto_now_add=True)
    refreshed_at = models.DateTimeField("mis à jour le", null=True, blank=True)
    last_error = models.CharField("dernière erreur", max_length=500, blank=True, default="")

    class Meta:
        verbose_name = "abonnement à un catalogue"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class RemoteFiche(models.Model):
    """One fiche of a subscribed catalogue, kept as its ``millejours.fiche/1`` document."""

    subscription = models.ForeignKey(
        FeedSubscription, on_delete=models.CASCADE, related_name="fiches"
    )
    remote_id = models.CharField(max_length=64)
    title = models.CharField(max_length=250)
    theme = models.CharField(max_length=40, blank=True, default="")
    public_code = models.CharField(max_length=30, blank=True, default="")
    state = models.CharField(max_length=20, blank=True, default="")
    carrier = models.CharField(max_length=200, blank=True, default="")
    document = models.JSONField(default=dict)

    class Meta:
        verbose_name = "fiche d'un catalogue abonné"
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "remote_id"], name="remote_fiche_unique"
            ),
        ]
        indexes = [models.Index(fields=["theme", "title"], name="remote_fiche_theme_idx")]

    def __str__(self) -> str:
        return self.title
