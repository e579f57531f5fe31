"""Django admin for API tokens: create (the secret is shown once), revoke; feeds read-only."""

from django.contrib import admin, messages

from . import tokens
from .models import ApiToken, FeedSubscription


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "user", "scopes", "expires_at", "revoked_at", "last_used_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__email")
    fields = ("name", "user", "scopes", "expires_at", "prefix", "revoked_at", "last_used_at")
    readonly_fields = ("prefix", "revoked_at", "last_used_at")
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:  # a token is never edited: revoke it and create another
            return ("name", "user", "scopes", "expires_at", *self.readonly_fields)
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            return
        days = (
            max(1, (obj.expires_at - obj.created_at_or_now()).days)
            if obj.expires_at
            else tokens.DEFAULT_DAYS
        )
        try:
            token, raw = tokens.create_token(
                user=obj.user,
                name=obj.name,
                scopes=list(obj.scopes or []),
                days=min(days, tokens.MAX_DAYS),
                actor=request.user,
            )
        except tokens.TokenError as exc:
            messages.error(request, str(exc))
            return
        obj.pk, obj.prefix, obj.created_at = token.pk, token.prefix, token.created_at
        messages.warning(
            request, f"Jeton créé ; copiez-le maintenant, il ne sera plus affiché : {raw}"
        )

    @admin.action(description="Révoquer les jetons sélectionnés")
    def revoke(self, request, queryset):
        for token in queryset:
            tokens.revoke_token(token=token, actor=request.user)
        messages.success(request, f"{queryset.count()} jeton(s) révoqué(s).")


@admin.register(FeedSubscription)
class FeedSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("name", "url", "refreshed_at", "last_error")
    readonly_fields = ("refreshed_at", "last_error")
