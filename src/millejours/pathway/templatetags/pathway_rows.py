"""Tags of the timeline rows (family record): the row itself, its links, its labels."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from .. import rows
from ..models import Milestone

register = template.Library()


@register.simple_tag(takes_context=True)
def milestone_row(context: template.Context, m: Milestone) -> SafeString:
    """``{% milestone_row m %}``: the row of ``m`` for the ``family`` of the page
    (``form`` and ``focus`` from the context, as the htmx answers give them)."""
    family_id = context["family"].pk
    form = context.get("form")
    form_html = rows.done_form_html(family_id, m, form, context.get("request")) if form else ""
    return rows.milestone_row(
        family_id,
        m,
        csrf=rows.csrf_input(context.get("csrf_token")),
        focus=bool(context.get("focus")),
        form_html=form_html,
    )


@register.simple_tag
def milestone_links(family_id: int, milestone_id: int) -> dict[str, str]:
    """``{% milestone_links family.pk m.pk as links %}`` then ``{{ links.milestone_done }}``.

    Same URLs as ``{% url "pathway:milestone_done" family.pk m.pk %}``, formatted from
    patterns reversed once (``millejours.lib.urls``).
    """
    return rows.row_links(family_id, milestone_id)


@register.filter
def milestone_when(milestone: Milestone) -> str:
    """« Le 22/06/2026 » or « Du 22/06/2026 au 12/07/2026 (date cible 29/06/2026) »."""
    return rows.when_text(milestone)


@register.filter
def status_label(status: Any) -> str:
    """The regulatory status of a step in French (``compulsory`` → « Obligatoire »)."""
    return rows.STATUS_LABELS.get(status, status)
