"""Tags of the timeline rows (family record): links from patterns reversed once, labels."""

from __future__ import annotations

from django import template

from millejours.lib.urls import reverse_many

from ..models import Milestone

register = template.Library()

# Links of one timeline row, all ``(family_id, milestone_id)``; key = name without namespace.
ROW_LINKS = (
    "pathway:milestone_row",
    "pathway:milestone_done",
    "pathway:milestone_undo",
    "pathway:milestone_reopen",
    "pathway:milestone_postpone",
    "pathway:milestone_missed",
)

STATUS_LABELS = {
    "compulsory": "Obligatoire",
    "recommended": "Recommandé",
    "conditional": "Selon la situation",
    "information": "Information",
}


@register.simple_tag
def milestone_links(family_id: int, milestone_id: int) -> dict[str, str]:
    """``{% milestone_links family.pk m.pk as links %}`` then ``{{ links.milestone_done }}``.

    Same URLs as ``{% url "pathway:milestone_done" family.pk m.pk %}``, formatted from
    patterns reversed once (``millejours.lib.urls``): one call per row instead of 2–6
    ``{% url %}``.
    """
    urls = reverse_many(ROW_LINKS, family_id, milestone_id)
    return {name.partition(":")[2]: url for name, url in urls.items()}


@register.filter
def milestone_when(milestone: Milestone) -> str:
    """« Le 22/06/2026 » or « Du 22/06/2026 au 12/07/2026 (date cible 29/06/2026) ».

    The same text as four ``|date:"d/m/Y"`` filters, without their localisation machinery.
    """
    if milestone.window_start == milestone.window_end:
        return f"Le {milestone.due:%d/%m/%Y}"
    return (
        f"Du {milestone.window_start:%d/%m/%Y} au {milestone.window_end:%d/%m/%Y} "
        f"(date cible {milestone.due:%d/%m/%Y})"
    )


@register.filter
def status_label(status: str) -> str:
    """The regulatory status of a step in French (``compulsory`` → « Obligatoire »)."""
    return STATUS_LABELS.get(status, status)
