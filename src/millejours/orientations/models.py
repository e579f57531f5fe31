"""Orientations: a professional hands a family to a service of the directory.

The state machine lives in ``services._move`` (one function, a table of allowed
transitions, an audit entry per transition), reached through ``orientation_transition``
(an account) or ``orientation_answer_by_link`` (the signed link); the database refuses
unknown state codes (CheckConstraint).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from millejours.lib.fields import actor_field, family_field

from .choices import OPEN_STATES, Origin, SharedContact, State


def new_nonce() -> str:
    return secrets.token_hex(8)


class Orientation(models.Model):
    family = family_field("orientations")
    service = models.ForeignKey(
        "directory.Service", on_delete=models.PROTECT, related_name="orientations"
    )
    origin = models.CharField("origine", max_length=10, choices=Origin.choices, default=Origin.FREE)
    origin_ref = models.CharField("référence de l'origine", max_length=100, blank=True, default="")
    reason = models.TextField("motif de l'orientation")
    # Consent of the family to share the minimum needed.
    consent_given = models.BooleanField("consentement de la famille recueilli", default=False)
    consent_recorded_at = models.DateTimeField("consentement recueilli le", null=True, blank=True)
    consent_recorded_by = actor_field()
    shared_contact = models.CharField(
        "coordonnée partagée",
        max_length=10,
        choices=SharedContact.choices,
        default=SharedContact.PHONE,
    )
    state = models.CharField("état", max_length=12, choices=State.choices, default=State.DRAFT)
    refusal_reason = models.TextField("motif du refus", blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="orientations_created",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    state_changed_at = models.DateTimeField("dernier changement d'état", null=True, blank=True)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)
    # Signed link for partners without an account: a new nonce revokes older links.
    link_nonce = models.CharField(max_length=16, default=new_nonce, editable=False)
    link_issued_at = models.DateTimeField(null=True, blank=True)
    last_reminder_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "orientation"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=[s.value for s in State]),
                name="orientation_state_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="refusee") | ~models.Q(refusal_reason=""),
                name="orientation_refusal_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["family", "-created_at"], name="orientation_family_idx"),
            models.Index(fields=["service", "state"], name="orientation_service_state_idx"),
            models.Index(fields=["created_by", "state"], name="orientation_author_state_idx"),
            models.Index(fields=["state", "sent_at"], name="orientation_state_sent_idx"),
        ]

    def __str__(self) -> str:
        return f"Orientation {self.pk} vers {self.service_id} ({self.get_state_display()})"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class OrientationEvent(models.Model):
    """One stamped transition: when, by whom, from which state to which."""

    orientation = models.ForeignKey(Orientation, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=12, blank=True, default="")
    to_state = models.CharField(max_length=12, choices=State.choices)
    at = models.DateTimeField()
    by = actor_field()
    by_label = models.CharField(max_length=200)
    reason = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = "étape d'orientation"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["orientation", "at"], name="orientation_event_idx")]

    def __str__(self) -> str:
        return f"{self.from_state or '∅'} → {self.to_state}"
