"""Panels the screening domain shows on pages of other domains."""

from django import template

from millejours.lib.panels import panel_professional, panel_user, render_panel
from millejours.pathway.selectors import epp_step
from millejours.screening import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def screening_family_panel(context, family):
    """EPP, EPDS results and vulnerability flags on the family record."""
    user = panel_professional(context)
    if user is None:
        return ""
    # The family record gives every milestone it has read (``family_milestones``).
    step = epp_step(family, context.get("family_milestones"))
    epp = selectors.current_epp_brief(family)
    if epp is not None and step is not None and epp.pregnancy_id not in (None, step.pregnancy_id):
        epp = None  # an EPP of an earlier pregnancy: this pregnancy's EPP is still to do
    return render_panel(
        context,
        "screening/_family_panel.html",
        {
            "family": family,
            "epp": epp,
            "epp_step": step,
            "flags": list(selectors.visible_flags(family, user)),
            "last_epds": selectors.epds_history(family).last(),
            "open_alerts": list(selectors.family_alerts(family).filter(status="ouverte")),
        },
    )


@register.simple_tag(takes_context=True)
def screening_worklist_panel(context):
    """Urgent alert tasks of the logged-in professional, shown first in the worklist."""
    user = panel_user(context)
    if user is None:
        return ""
    alerts = list(selectors.open_alerts_for(user)[:50])
    if not alerts:
        return ""
    return render_panel(context, "screening/_worklist_panel.html", {"alerts": alerts})
