""" "Aller vers": imported contacts, message sequences, the outbox and recontacts.

- ``ImportBatch``: one uploaded declarations file (preview, then commit), with its result;
- ``OutreachContact``: one person who may be contacted (a ``pathway.Parent``), with the
  opt-out state and the link token;
- ``Sequence`` / ``SequenceStep``: the messages the coordinator defines by pathway stage;
- ``OutboundMessage``: the outbox; ``idempotency_key`` (step + contact) makes each message
  unique, and is sent to the operator so that a retry is never delivered twice;
- ``Recontact``: a family coming back after a message (seed 002 indicators).
"""

from __future__ import annotations

import secrets
from datetime import time

from django.db import models
from django.db.models import Q

from millejours.lib.fields import actor_field, family_field, optional_fk, parent_field

from .choices import (
    Channel,
    DuplicateStatus,
    ImportStatus,
    MessageStatus,
    RecontactKind,
    Stage,
    VisitBy,
)


def new_token() -> str:
    return secrets.token_urlsafe(9)


class ImportBatch(models.Model):
    # Encrypted at rest (``outreach.files``), under a random name; erased by the retention
    # purge or with a person's data (``file_erased_at`` then tells when and why).
    file = models.FileField("fichier (chiffré)", upload_to="outreach/imports/", blank=True)
    file_erased_at = models.DateTimeField("fichier effacé le", null=True, blank=True)
    file_erased_reason = models.CharField(
        "motif de l'effacement", max_length=100, blank=True, default=""
    )
    original_name = models.CharField("nom du fichier", max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    status = models.CharField(
        max_length=12, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    total_rows = models.PositiveIntegerField("lignes", default=0)
    processed_rows = models.PositiveIntegerField("lignes traitées", default=0)
    preview = models.JSONField("aperçu", default=dict, blank=True)
    result = models.JSONField("résultat", default=dict, blank=True)
    error = models.TextField("erreur", blank=True, default="")
    created_by = actor_field()
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "import de déclarations"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["-created_at"], name="outreach_import_created")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_working(self) -> bool:
        return self.status in (ImportStatus.PREVIEWING, ImportStatus.RUNNING, ImportStatus.UPLOADED)


class OutreachContact(models.Model):
    """A person the PMI may contact ("aller vers"), one per ``pathway.Parent``."""

    family = family_field("outreach_contacts")
    parent = models.OneToOneField(
        "pathway.Parent", on_delete=models.CASCADE, related_name="outreach_contact"
    )
    phone = models.CharField("téléphone mobile (E.164)", max_length=20, blank=True, default="")
    email = models.EmailField("courriel", blank=True, default="")
    first_child = models.BooleanField("primipare", default=False)
    source = models.CharField("source", max_length=40, blank=True, default="")
    row_hash = models.CharField(
        "empreinte de la ligne importée", max_length=64, blank=True, default=""
    )
    token = models.CharField(max_length=20, unique=True, default=new_token, editable=False)
    opted_out_at = models.DateTimeField("désinscrit le", null=True, blank=True)
    opt_out_channel = models.CharField("désinscription par", max_length=20, blank=True, default="")
    moved_away_at = models.DateTimeField("a quitté le territoire le", null=True, blank=True)
    email_bouncing_at = models.DateTimeField("courriel en échec depuis le", null=True, blank=True)
    email_bounce_reason = models.CharField(
        "motif de l'échec du courriel", max_length=300, blank=True, default=""
    )
    import_batch = optional_fk(ImportBatch, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "contact « aller vers »"
        indexes = [
            models.Index(fields=["phone"], name="outreach_contact_phone"),
            models.Index(fields=["row_hash"], name="outreach_contact_rowhash"),
        ]

    def __str__(self) -> str:
        return f"Contact {self.pk} ({self.family_id})"

    @property
    def is_reachable(self) -> bool:
        return self.opted_out_at is None and self.moved_away_at is None


class PossibleDuplicate(models.Model):
    """« Doublon possible »: an imported person who may be an existing one.

    Same name, birth date and DDR (± 14 days) but no NIR on one side and other contact
    details: the import never overwrites the existing person's details on such a guess. It
    creates the newcomer and asks the coordination: « même personne » merges the newcomer
    into the existing person, « personnes différentes » keeps both.
    """

    existing = models.ForeignKey(
        "pathway.Parent",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="personne déjà connue",
    )
    candidate = parent_field("personne importée")
    import_batch = optional_fk(ImportBatch, related_name="+")
    status = models.CharField(
        max_length=14, choices=DuplicateStatus.choices, default=DuplicateStatus.PENDING
    )
    decided_by = actor_field()
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "doublon possible"
        verbose_name_plural = "doublons possibles"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["existing", "candidate"], name="possible_duplicate_once"
            )
        ]

    def __str__(self) -> str:
        return f"Doublon possible {self.existing_id} / {self.candidate_id}"


WEEKDAY_LABELS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


class Sequence(models.Model):
    name = models.CharField("nom", max_length=200, unique=True)
    active = models.BooleanField("active", default=True)
    send_from = models.TimeField("envoi à partir de", default=time(9, 0))
    send_until = models.TimeField("envoi jusqu'à", default=time(19, 0))
    weekdays = models.JSONField("jours d'envoi", default=list, help_text="0 = lundi … 6 = dimanche")
    created_by = actor_field()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "séquence de messages"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def weekday_labels(self) -> str:
        return ", ".join(WEEKDAY_LABELS[d] for d in sorted(self.weekdays or []))


class SequenceStep(models.Model):
    sequence = models.ForeignKey(Sequence, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField("étape du parcours", max_length=20, choices=Stage.choices)
    delay_days = models.IntegerField("décalage (jours)", default=0)
    channel = models.CharField("canal", max_length=8, choices=Channel.choices, default=Channel.SMS)
    subject = models.CharField("objet (courriel)", max_length=200, blank=True, default="")
    body = models.TextField("message")
    # Texts in the families' other languages: {"en": {"subject": …, "body": …}, "ar": …};
    # a family whose language has no text here gets the French one (text_for).
    translations = models.JSONField("traductions", default=dict, blank=True)
    stop_milestone = models.CharField(
        "ne pas envoyer si cette étape est faite", max_length=64, blank=True, default=""
    )
    first_child_only = models.BooleanField("primipares seulement", default=False)
    active = models.BooleanField("actif", default=True)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "message de la séquence"
        ordering = ["sequence", "order", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} ({self.get_channel_display()})"

    def text_for(self, language: str) -> tuple[str, str]:
        """(subject, body) in ``language`` when written, else the French ones."""
        text = (self.translations or {}).get(language) or {}
        if language == "fr" or not str(text.get("body", "")).strip():
            return self.subject, self.body
        return str(text.get("subject", "")) or self.subject, str(text["body"])


class OutboundMessage(models.Model):
    idempotency_key = models.CharField(max_length=80, unique=True)
    step = optional_fk(SequenceStep, related_name="messages")
    contact = models.ForeignKey(OutreachContact, on_delete=models.CASCADE, related_name="messages")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    recipient = models.CharField("destinataire", max_length=254)
    subject = models.CharField(max_length=200, blank=True, default="")
    body = models.TextField()
    status = models.CharField(
        max_length=12, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    not_before = models.DateTimeField("pas avant")
    attempts = models.PositiveSmallIntegerField(default=0)
    claim_token = models.CharField(max_length=32, blank=True, default="")
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    provider_id = models.CharField(max_length=100, blank=True, default="")
    last_error = models.CharField(max_length=500, blank=True, default="")
    cancel_reason = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "message sortant"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "not_before"], name="outreach_msg_due"),
            models.Index(fields=["status", "claimed_at"], name="outreach_msg_claimed"),
            models.Index(fields=["recipient", "-sent_at"], name="outreach_msg_recipient"),
            models.Index(fields=["sent_at"], name="outreach_msg_sent_at"),
        ]

    def __str__(self) -> str:
        return self.idempotency_key


class Recontact(models.Model):
    """A family that came back after a message (or a prenatal visit that took place)."""

    family = family_field("recontacts")
    contact = optional_fk(OutreachContact, related_name="recontacts")
    message = optional_fk(OutboundMessage, related_name="recontacts")
    kind = models.CharField("type", max_length=16, choices=RecontactKind.choices)
    visit_by = models.CharField(
        "visite par", max_length=16, choices=VisitBy.choices, blank=True, default=""
    )
    occurred_on = models.DateField("date")
    after_message = models.BooleanField("suite à un message", default=False)
    first_child = models.BooleanField("primipare", default=False)
    note = models.CharField("note", max_length=500, blank=True, default="")
    recorded_by = actor_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "recontact"
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["occurred_on", "kind"], name="outreach_recontact_date"),
            models.Index(fields=["family", "occurred_on"], name="outreach_recontact_family"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="visite") | Q(visit_by=""),
                name="outreach_visit_by_only_for_visits",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.occurred_on:%d/%m/%Y})"


class WebhookEvent(models.Model):
    """A webhook call already applied (replay protection, see ``outreach.webhooks``).

    ``event_id`` is the operator's event id (``event_id`` in the signed body) or, without
    one, the SHA-256 of the signed body. Rows older than the replay window are purged.
    """

    endpoint = models.CharField(max_length=30)
    event_id = models.CharField(max_length=100)
    received_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event_id"], name="webhook_event_once")
        ]

    def __str__(self) -> str:
        return f"{self.endpoint} {self.event_id}"
