"""Emergency numbers as links: ``{% emergency_link "3114" %}``, ``{% emergency_list "3114" "15" %}``."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from millejours.screening import emergency

register = template.Library()


@register.simple_tag
def emergency_link(number, text=""):
    """``<a href="tel:3114">3114</a>`` (``sms:`` for 114); ``text`` replaces the number shown."""
    entry = emergency.get(number)
    return format_html(
        '<a class="tel-link" href="{}"><strong>{}</strong></a>', entry.href, text or entry.number
    )


@register.simple_tag
def emergency_list(*numbers):
    """A list of numbers with what each one is for (default: suicide prevention)."""
    entries = [emergency.get(n) for n in (numbers or emergency.SUICIDE_PREVENTION)]
    return mark_safe(render_to_string("screening/_emergency_numbers.html", {"entries": entries}))
