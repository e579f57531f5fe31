"""Panels the screening domain shows on pages of other domains."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def screening_family_panel(context, family):
    """EPP, EPDS results and vulnerability flags on the family record."""
    return ""


@register.simple_tag(takes_context=True)
def screening_worklist_panel(context):
    """Urgent alert tasks of the logged-in professional, shown first in the worklist."""
    return ""
