"""The access log in the admin: read only (it is append-only and hash-chained)."""

from django.contrib import admin

from .models import AccessLog, AuditEvent, BreakGlassAccess, Consent, ErasureRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
