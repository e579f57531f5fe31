"""Administration of people, organisations and memberships (platform admin / DPO)."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from millejours.lib.admin import NoEditAdmin

from .enrolment import send_link
from .models import EnrolmentLink, Membership, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "role", "profession", "rpps", "is_active"]
    list_filter = ["role", "profession", "is_active"]
    search_fields = ["email", "first_name", "last_name", "rpps"]
    inlines = [MembershipInline]
    actions = ["send_enrolment_link"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Identité", {"fields": ("first_name", "last_name", "phone")}),
        ("Rôle et profession", {"fields": ("role", "profession", "rpps", "is_medical_referent")}),
        ("Droits", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "role", "profession", "rpps", "password1", "password2"),
            },
        ),
    )

    @admin.action(description="Envoyer un lien d'inscription à la double authentification")
    def send_enrolment_link(self, request, queryset):
        """E-mail a one-time enrolment link to each selected person (lost phone, new account)."""
        sent = [
            send_link(user, by=request.user).user.email for user in queryset.filter(is_active=True)
        ]
        self.message_user(
            request,
            f"Lien d'inscription envoyé à {len(sent)} personne(s) : {', '.join(sent) or 'aucune'}.",
            messages.SUCCESS if sent else messages.WARNING,
        )


@admin.register(EnrolmentLink)
class EnrolmentLinkAdmin(NoEditAdmin):
    """Links are issued by the action above or ``millejours enrolment_link``; never edited."""

    list_display = ["user", "created_at", "expires_at", "used_at", "created_by"]
    list_filter = ["used_at"]
    search_fields = ["user__email"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "commune", "email"]
    list_filter = ["kind"]
    search_fields = ["name", "siret"]
    inlines = [MembershipInline]
