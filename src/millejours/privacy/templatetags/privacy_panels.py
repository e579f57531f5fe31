"""Panel the privacy domain shows on the family record (loaded by the pathway template)."""

from django import template
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.safestring import mark_safe

from millejours.accounts.models import Membership
from millejours.audit.models import BreakGlassAccess, ConsentScope
from millejours.audit.selectors import consents_for
from millejours.lib.panels import render_panel
from millejours.pathway import careteam

register = template.Library()


@register.simple_tag(takes_context=True)
def privacy_family_panel(context, family):
    """Care team (read only: it is changed on its own page), consents, break-the-glass banner."""
    request = context.get("request")
    user = getattr(request, "user", None)
    team = list(
        careteam.active_members(family)
        .select_related("user")
        .prefetch_related(  # memberships and their organisation in one query, not two
            Prefetch(
                "user__memberships", queryset=Membership.objects.select_related("organisation")
            )
        )
        .order_by("role", "user__last_name")
    )
    states = consents_for([family])[family.pk]
    consents = [{"code": s.value, "label": s.label, "given": states[s.value]} for s in ConsentScope]
    in_team = careteam.rights(user, family, team).is_member if user is not None else False
    grant = None
    if user is not None and user.is_authenticated and not in_team:
        grant = (
            BreakGlassAccess.objects.filter(family=family, user=user, expires_at__gt=timezone.now())
            .order_by("-expires_at")
            .first()
        )
    html = render_panel(
        context,
        "privacy/_family_panel.html",
        {
            "family": family,
            "team": team,
            "consents": consents,
            "can_record": in_team,
            "grant": grant,
        },
    )
    return mark_safe(html)
