"""Panels the orientations domain shows on pages of other domains."""

from django import template

from millejours.lib.panels import panel_professional, render_panel
from millejours.orientations.selectors import (
    is_overdue,
    orientations_for_family,
    worklist_for_professional,
)
from millejours.screening.models import FlagStatus, VulnerabilityFlag

register = template.Library()

WORKLIST_LIMIT = 20


@register.simple_tag(takes_context=True)
def orientations_family_panel(context, family):
    """Orientations of the family and their states, on the family record.

    The family page has already been opened through ``get_family_for_user``.
    """
    if panel_professional(context) is None:
        return ""
    # prefetch_related(None): the panel shows no events (one query less per family record).
    orientations = list(orientations_for_family(family).prefetch_related(None)[:50])
    return render_panel(
        context,
        "orientations/_family_panel.html",
        {
            "orientations": orientations,
            "family": family,
            "can_orient": True,
            "flags": _flags_to_orient(family, orientations),
        },
    )


@register.simple_tag(takes_context=True)
def orientations_worklist_panel(context):
    """Orientations awaiting an answer or overdue, in the professional's worklist."""
    user = panel_professional(context)
    if user is None:
        return ""
    orientations = list(worklist_for_professional(user)[:WORKLIST_LIMIT])
    for item in orientations:
        item.overdue = is_overdue(item)
    orientations.sort(key=lambda o: (not o.overdue, o.sent_at is None, o.sent_at or o.created_at))
    return render_panel(
        context, "orientations/_worklist_panel.html", {"orientations": orientations}
    )


def _flags_to_orient(family, orientations) -> list:
    """Confirmed screening flags of the family not yet followed by an orientation."""
    done = {o.origin_ref for o in orientations if o.origin_ref.startswith("reperage:")}
    flags = VulnerabilityFlag.objects.filter(
        family=family, status=FlagStatus.CONFIRMED
    ).select_related("response")
    return [flag for flag in flags[:20] if f"reperage:{flag.pk}" not in done]
