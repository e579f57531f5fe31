"""Panels the follow-up domain shows on pages of other domains."""

from django import template
from django.utils.safestring import mark_safe

from millejours.followup.selectors import family_followup_summary
from millejours.lib.panels import render_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def followup_family_panel(context, family):
    """Referent follow-up (referent, last contact, open goals) on the family record.

    Shown to the professionals of the care team (the family page already went through
    ``get_family_for_user``); the notes themselves stay on the referent's pages.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_professional:
        return ""
    html = render_panel(
        context,
        "followup/_family_panel.html",
        {
            "family": family,
            "summary": family_followup_summary(family),
            "is_referent": family.referent_id == user.pk,
        },
    )
    return mark_safe(html)
