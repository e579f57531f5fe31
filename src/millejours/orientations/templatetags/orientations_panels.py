"""Panels the orientations domain shows on pages of other domains."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def orientations_family_panel(context, family):
    """Orientations of the family and their states, on the family record."""
    return ""


@register.simple_tag(takes_context=True)
def orientations_worklist_panel(context):
    """Orientations awaiting an answer or overdue, in the professional's worklist."""
    return ""
