"""The access log in the admin: read only (it is append-only and hash-chained)."""

from django.contrib import admin

from millejours.lib.admin import ReadOnlyAdmin

from .models import AccessLog, AuditEvent, BreakGlassAccess, Consent, ErasureRecord


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "actor_profession", "family_id_ref", "page", "break_glass"]
    list_filter = ["break_glass"]
    search_fields = ["actor_label"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "action", "family_id_ref"]
    list_filter = ["action"]


@admin.register(BreakGlassAccess)
class BreakGlassAccessAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "expires_at", "user", "family_id", "notified_at"]


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["family_id", "scope", "given_at", "withdrawn_at"]
    list_filter = ["scope"]


@admin.register(ErasureRecord)
class ErasureRecordAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "performed_by_label", "legal_basis", "family_count"]
