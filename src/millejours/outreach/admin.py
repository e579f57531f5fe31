from django.contrib import admin
from django.utils import timezone

from .models import ImportBatch, MessageStatus, OutboundMessage, Recontact, Sequence, SequenceStep


class StepInline(admin.TabularInline):
    model = SequenceStep
    extra = 0


@admin.register(Sequence)
class SequenceAdmin(admin.ModelAdmin):
    list_display = ["name", "active", "send_from", "send_until"]
    inlines = [StepInline]


@admin.register(OutboundMessage)
class OutboundMessageAdmin(admin.ModelAdmin):
    """``a_verifier`` messages are settled here, after checking with the operator."""

    list_display = ["idempotency_key", "channel", "status", "attempts", "not_before", "sent_at"]
    list_filter = ["status", "channel"]
    search_fields = ["idempotency_key", "provider_id"]
    readonly_fields = [
        "idempotency_key",
        "contact",
        "step",
        "recipient",
        "body",
        "claim_token",
        "claimed_at",
    ]
    actions = ["confirm_sent", "requeue"]

    @admin.action(description="L'opérateur a bien reçu ces messages : marquer « envoyé »")
    def confirm_sent(self, request, queryset):
        queryset.filter(status=MessageStatus.TO_CHECK).update(
            status=MessageStatus.SENT, sent_at=timezone.now()
        )

    @admin.action(description="L'opérateur ne les a pas reçus : remettre en file")
    def requeue(self, request, queryset):
        queryset.filter(status=MessageStatus.TO_CHECK).update(
            status=MessageStatus.QUEUED, claim_token="", not_before=timezone.now()
        )


# The stored file is encrypted and only written by ``imports.batch_create`` (upload check,
# encryption): the admin never uploads nor serves it.
admin.site.register(
    ImportBatch,
    list_display=["original_name", "status", "created_at"],
    exclude=["file"],
    readonly_fields=["file_erased_at", "file_erased_reason", "sha256"],
)
admin.site.register(
    Recontact, list_display=["family", "kind", "visit_by", "occurred_on", "after_message"]
)
