"""Events and their sessions, the registrations (waiting list) and satisfaction answers."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from millejours.lib.fields import commune_field, optional_fk

from .. import vocab
from ..choices import PARENT_KINDS, EventKind, RegistrationKind, RegistrationStatus
from .fiches import Fiche


class Event(models.Model):
    """An event of the CPTS programme, or another actor's action in the shared agenda."""

    fiche = optional_fk(Fiche, related_name="events")
    title = models.CharField("intitulé", max_length=250)
    kind = models.CharField(
        "type", max_length=30, choices=EventKind.choices, default=EventKind.GROUPE_INFORMATION
    )
    theme = models.CharField("thème", max_length=40, choices=vocab.theme_choices, default="autre")
    description = models.TextField("description", blank=True, default="")
    is_public = models.BooleanField(
        "inscriptions ouvertes au public (parents)",
        default=False,
        help_text="L'atelier apparaît sur la page publique des ateliers.",
    )
    is_external = models.BooleanField("action d'un autre acteur", default=False)
    organiser = models.CharField("organisateur", max_length=200, blank=True, default="")
    communes = models.ManyToManyField(
        "territory.Commune",
        verbose_name="communes ciblées",
        blank=True,
        related_name="programme_events",
    )
    source_uid = models.CharField(
        "identifiant d'origine (import)", max_length=255, blank=True, default=""
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "événement"
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["theme", "is_external"], name="event_theme_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def for_parents(self) -> bool:
        return self.kind in PARENT_KINDS


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin", null=True, blank=True)
    commune = commune_field(related_name="+")
    place = models.CharField("lieu", max_length=250, blank=True, default="")
    capacity = models.PositiveIntegerField(
        "nombre de places", null=True, blank=True, help_text="Vide : sans limite."
    )
    speakers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="intervenants",
        blank=True,
        related_name="programme_sessions",
    )
    speakers_text = models.CharField("autres intervenants", max_length=250, blank=True, default="")
    source_uid = models.CharField(
        "identifiant d'origine (import)", max_length=255, blank=True, default=""
    )
    attendance_recorded_at = models.DateTimeField("présences saisies le", null=True, blank=True)

    class Meta:
        verbose_name = "séance"
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at"], name="session_starts_idx")]

    def __str__(self) -> str:
        return f"{self.event.title} — {self.starts_at:%d/%m/%Y}"


class Registration(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    kind = models.CharField(
        "type", max_length=20, choices=RegistrationKind.choices, default=RegistrationKind.PARENT
    )
    user = optional_fk(settings.AUTH_USER_MODEL, related_name="programme_registrations")
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    email = models.EmailField("adresse électronique")
    phone = models.CharField("téléphone", max_length=20, blank=True, default="")
    status = models.CharField(
        "statut",
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMEE,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField("passée de la liste d'attente le", null=True, blank=True)
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)
    attended = models.BooleanField("présent", null=True, blank=True)
    reminder_sent_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "inscription"
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["session", "status", "created_at"], name="registration_queue_idx")
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class SatisfactionResponse(models.Model):
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="satisfaction"
    )
    rating = models.PositiveSmallIntegerField(
        "note globale", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    useful = models.BooleanField("utile pour moi", default=True)
    would_recommend = models.BooleanField("je le recommanderais", default=True)
    comment = models.TextField("commentaire", blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Avis {self.rating}/5 — {self.registration}"
