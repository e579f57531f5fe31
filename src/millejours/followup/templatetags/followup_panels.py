"""Panels the follow-up domain shows on pages of other domains."""

from django import template

from millejours.followup.selectors import family_followup_summary
from millejours.lib.panels import panel_professional, render_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def followup_family_panel(context, family):
    """Referent follow-up (referent, last contact, open goals) on the family record.

    Shown to the professionals of the care team (the family page already went through
    ``get_family_for_user``); the notes themselves stay on the referent's pages.
    """
    user = panel_professional(context)
    if user is None:
        return ""
    return render_panel(
        context,
        "followup/_family_panel.html",
        {
            "family": family,
            "summary": family_followup_summary(family),
            "is_referent": family.referent_id == user.pk,
        },
    )
