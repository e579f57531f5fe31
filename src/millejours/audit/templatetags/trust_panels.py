"""Panels the trust domain shows on pages of other domains."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def trust_family_panel(context, family):
    """Care team and consents block of the family record."""
    from millejours.pathway.models import CareTeamMember
    from millejours.audit.models import BreakGlassAccess, ConsentScope
    from millejours.audit.selectors import consents_for

    request = context.get("request")
    user = getattr(request, "user", None)
    team = (
        CareTeamMember.objects.filter(family=family, removed_at__isnull=True)
        .select_related("user")
        .prefetch_related("user__memberships__organisation")
        .order_by("role", "user__last_name")
    )
    states = consents_for([family])[family.pk]
    consents = [{"code": s.value, "label": s.label, "given": states[s.value]} for s in ConsentScope]
    in_team = user is not None and any(member.user_id == user.pk for member in team)
    grant = None
    if user is not None and user.is_authenticated and not in_team:
        grant = (
            BreakGlassAccess.objects.filter(family=family, user=user, expires_at__gt=timezone.now())
            .order_by("-expires_at")
            .first()
        )
    html = render_to_string(
        "trust/_family_panel.html",
        {
            "family": family, "team": team, "consents": consents, "can_record": in_team, "grant": grant,
            "user": user,
            "is_referent": in_team and (
                family.referent_id == user.pk
                or any(m.user_id == user.pk and m.role == "referent" for m in team)
            ),
        },
        request=request,
    )
    return mark_safe(html)
