"""Screening: questionnaire responses (EPP, EPDS), vulnerability flags, alert tasks.

A response stores the questionnaire code *and version* it was filled with. Once signed it
is immutable (``save`` refuses any change): a correction is a new response that
``supersedes`` the previous one, and both are kept.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from millejours.lib.fields import actor_field, family_field, pregnancy_field

from . import questionnaires
from .choices import AlertReason, AlertStatus, FlagStatus, Level, QuestionnaireCode, Respondent
from .fields import SensitiveJSONField, SensitiveTextField


class ImmutableResponseError(Exception):
    """A signed response cannot be modified (make a correction instead)."""


def new_public_token() -> str:
    return secrets.token_urlsafe(24)


class Response(models.Model):
    questionnaire = models.CharField(
        "questionnaire", max_length=10, choices=QuestionnaireCode.choices
    )
    version = models.CharField("version du questionnaire", max_length=40)
    family = family_field("screening_responses", null=True, blank=True)
    pregnancy = pregnancy_field()
    respondent = models.CharField("passé par", max_length=16, choices=Respondent.choices)
    filled_by = actor_field()
    answers = SensitiveJSONField("réponses", default=dict)
    total = models.PositiveSmallIntegerField("score total", null=True, blank=True)
    level = models.CharField("niveau", max_length=12, choices=Level.choices, blank=True, default="")
    contact_offer = models.BooleanField("proposer d'être recontacté", default=False)
    alert = models.BooleanField("alerte", default=False)
    signed_at = models.DateTimeField("signé le", null=True, blank=True)
    signed_by = actor_field()
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="superseded_by",
        verbose_name="corrige la version",
    )
    public_token = models.CharField(
        max_length=64, unique=True, default=new_public_token, editable=False
    )
    created_at = models.DateTimeField("date", auto_now_add=True)

    class Meta:
        verbose_name = "réponse à un questionnaire"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["family", "questionnaire", "-created_at"], name="screening_resp_family"
            ),
            models.Index(fields=["questionnaire", "created_at"], name="screening_resp_q_date"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_questionnaire_display()} du {self.created_at:%d/%m/%Y}"
            if self.created_at
            else "Réponse"
        )

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = Response.objects.filter(pk=self.pk).values_list("signed_at", flat=True).first()
            if stored is not None:
                raise ImmutableResponseError(
                    "Une réponse signée ne peut plus être modifiée : faites une correction."
                )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_signed:
            raise ImmutableResponseError("Une réponse signée ne peut pas être supprimée.")
        return super().delete(*args, **kwargs)

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def shown_level(self) -> str:
        """The level to show anywhere: a positive item 10 is always ``eleve``.

        Responses stored under older rules (v1: ``eleve`` only at 3 points) keep their
        stored level, but are never shown below ``eleve`` when item 10 was positive.
        """
        if self.questionnaire == QuestionnaireCode.EPDS and self.alert:
            return Level.HIGH
        return self.level

    @property
    def shown_level_label(self) -> str:
        return Level(self.shown_level).label if self.shown_level else ""


class EppFlag(models.Model):
    """A domain of the EPP vulnerability grid proposed for a family: a professional confirms
    or dismisses it (``FlagStatus``). A flag, never a diagnosis.

    The screening's EPP and the prevention check-up (``checkup.CheckupFlag``) both raise
    them; each names its ``domain`` and the EPP version it reads the label from.
    """

    domain: str
    status = models.CharField(
        "statut", max_length=12, choices=FlagStatus.choices, default=FlagStatus.PROPOSED
    )
    confirmed_by = actor_field()
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.domain_label

    def epp(self) -> questionnaires.Questionnaire:
        """The EPP grid whose domains the flag names."""
        raise NotImplementedError

    @property
    def domain_label(self) -> str:
        try:
            return self.epp().domain(self.domain).label
        except KeyError:
            return self.domain


class VulnerabilityFlag(EppFlag):
    """A positive domain of the EPP grid the family answered."""

    family = family_field("vulnerability_flags")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="flags")
    domain = models.CharField("domaine", max_length=32)
    consent_share = models.BooleanField(
        "la famille consent au partage dans l'équipe de soins", default=False
    )
    created_by = actor_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "repérage de vulnérabilité"
        ordering = ["domain", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "domain"], name="screening_flag_one_per_domain"
            ),
        ]
        indexes = [models.Index(fields=["family", "status"], name="screening_flag_family")]

    def epp(self) -> questionnaires.Questionnaire:
        """The version the family answered."""
        return questionnaires.get("epp", self.response.version)


class AlertTask(models.Model):
    """An urgent task in the worklist of the family's referent and care team."""

    family = family_field("alert_tasks")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="alert_tasks")
    reason = models.CharField("motif", max_length=16, choices=AlertReason.choices)
    status = models.CharField(
        "statut", max_length=10, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    due_at = models.DateTimeField("à traiter avant le")
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="screening_alerts", verbose_name="destinataires"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField("close le", null=True, blank=True)
    closed_by = actor_field()
    action_taken = SensitiveTextField("action réalisée", blank=True, default="")

    class Meta:
        verbose_name = "alerte"
        ordering = ["due_at", "id"]
        constraints = [
            # The action text is encrypted (not checkable in SQL): the service and the form
            # require it; the database requires the closing date.
            models.CheckConstraint(
                condition=Q(status="ouverte") | Q(closed_at__isnull=False),
                name="screening_alert_closed_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_at"], name="screening_alert_status_due"),
            models.Index(fields=["family", "status"], name="screening_alert_family"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} — {self.family}"

    @property
    def is_open(self) -> bool:
        return self.status == AlertStatus.OPEN


class ContactRequest(models.Model):
    """A person who took the EPDS anonymously and asked to be contacted (with consent)."""

    response = models.OneToOneField(
        Response, on_delete=models.CASCADE, related_name="contact_request"
    )
    name = SensitiveTextField("nom ou prénom")
    phone = SensitiveTextField("téléphone", blank=True, default="")
    email = SensitiveTextField("courriel", blank=True, default="")
    consent = models.BooleanField("consentement à être recontacté(e)", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = actor_field()

    class Meta:
        verbose_name = "demande de contact (EPDS)"
        ordering = ["created_at"]
        indexes = [models.Index(fields=["handled_at", "created_at"], name="screening_contact_todo")]

    def __str__(self) -> str:
        return (
            f"Demande de contact du {self.created_at:%d/%m/%Y}"
            if self.created_at
            else "Demande de contact"
        )
