"""Panels the follow-up domain shows on pages of other domains."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def followup_family_panel(context, family):
    """Referent follow-up (contacts, goals) on the family record."""
    return ""
