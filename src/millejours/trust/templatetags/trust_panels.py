"""Panels the trust domain shows on pages of other domains."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def trust_family_panel(context, family):
    """Care team and consents block of the family record."""
    return ""
