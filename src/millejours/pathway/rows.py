"""One timeline row of the family record (``<li id="etape-…">``), rendered in Python.

The family record shows 50–60 rows; through the template engine each row cost ≈ 130 µs
(Django's per-variable and per-tag cost), ≈ 7 ms per page (docs/performance.md, issue 12,
third pass). The same HTML is built here with ``format_html`` (every value escaped), in
one place used by the page (``{% milestone_row m %}``) and by the htmx answers that swap
one row. Only the inline « mark done » form (rendered on demand, one row at a time) stays
a template: ``pathway/_milestone_inline_form.html`` (shared with the triage forms).
"""

from __future__ import annotations

import html
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeData, SafeString, mark_safe

from millejours.lib.urls import reverse_many

from .models import Milestone, MilestoneState, Subject

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

_ROW = (
    '<li id="etape-{pk}" class="state-{state}">\n'
    '  <div class="cluster">\n'
    "    <strong>{label}</strong>\n"
    '    <span class="badge state-{state}">{state_label}</span>\n'
    "  </div>\n"
    '  <p class="when">\n'
    "    {when}\n"
    "    · {status}\n"
    "    {source}\n"
    "  </p>\n"
    "  {actions}\n"
    "</li>\n"
)
_SOURCE = (
    '· <a href="{}" rel="noopener noreferrer" target="_blank">'
    'Source<span class="visually-hidden"> : {} (nouvel onglet)</span></a>'
)
_CANCEL = (
    '\n  <form method="post" action="{url}" hx-post="{url}" hx-target="#etape-{pk}"'
    ' hx-swap="outerHTML" class="inline">\n'
    '    {csrf}<button type="submit" class="btn-link"{focus}>{text}'
    '<span class="visually-hidden"> pour {label}</span></button>\n'
    "  </form>\n  "
)
_BUTTON = (
    '<a class="btn btn-secondary btn-small" href="{url}" hx-get="{url}" hx-target="#etape-{pk}"'
    ' hx-swap="outerHTML"{focus}>{text}<span class="visually-hidden"> : {label}</span></a>'
)


_STATE_LABELS = dict(MilestoneState.choices)


def _esc(value: Any) -> str:
    """``conditional_escape`` without its lazy-string wrapper (≈ 8 µs per call saved ×
    15 values per row): Django's ``escape`` is ``html.escape`` too."""
    if isinstance(value, SafeData) or type(value) is int:
        return str(value)
    return html.escape(str(value))


def format_html(template: str, *args: Any, **kwargs: Any) -> SafeString:
    """``django.utils.html.format_html``: every value escaped unless already safe."""
    values = {key: _esc(value) for key, value in kwargs.items()}
    return SafeString(template.format(*map(_esc, args), **values))


def row_links(family_id: int, milestone_id: int) -> dict[str, str]:
    """Every link of a row (same URLs as ``{% url %}``, patterns reversed once)."""
    urls = reverse_many(ROW_LINKS, family_id, milestone_id)
    return {name.partition(":")[2]: url for name, url in urls.items()}


def when_text(milestone: Milestone) -> str:
    """« Le 22/06/2026 » or « Du 22/06/2026 au 12/07/2026 (date cible 29/06/2026) »."""
    if milestone.window_start == milestone.window_end:
        return f"Le {milestone.due:%d/%m/%Y}"
    return (
        f"Du {milestone.window_start:%d/%m/%Y} au {milestone.window_end:%d/%m/%Y} "
        f"(date cible {milestone.due:%d/%m/%Y})"
    )


def csrf_input(token: Any) -> SafeString:
    """What ``{% csrf_token %}`` writes (nothing without a token)."""
    if not token or token == "NOTPROVIDED":
        return mark_safe("")
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def _day(value: Any) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _by_and_note(m: Milestone, by: str) -> SafeString:
    who = format_html(by, m.done_by_label) if m.done_by_label else ""
    note = format_html(" — <em>{}</em>", m.done_note) if m.done_note else ""
    return format_html("{}{}", who, note)


def _closed_actions(
    m: Milestone, label: SafeString, links: dict[str, str], csrf: SafeString, focus: str
) -> str:
    """The « fait » / « non réalisé » lines and the form that cancels them."""
    if m.state == MilestoneState.DONE:
        said = format_html("<p>Fait le {}{}</p>", _day(m.done_on), _by_and_note(m, " par {}"))
        url, text = links["milestone_undo"], "Annuler « fait »"
    else:
        said = format_html("<p>Non réalisé{}</p>", _by_and_note(m, " (noté par {})"))
        url, text = links["milestone_reopen"], "Annuler « non réalisé »"
    cancel = format_html(_CANCEL, url=url, pk=m.pk, csrf=csrf, focus=focus, text=text, label=label)
    return format_html("\n  {}{}", said, cancel)


def _open_actions(m: Milestone, label: SafeString, links: dict[str, str], focus: str) -> str:
    """« Marquer comme fait », then « Reporter » and « Non réalisé » (not for a step that
    does not apply: a step closed by the birth may still be recorded as done before it)."""
    postponed = (
        format_html(
            '<p class="muted">Reporté au {} : {}</p>', _day(m.postponed_to), m.postpone_reason
        )
        if m.postponed_to
        else ""
    )
    button = format_html(
        _BUTTON, url=links["milestone_done"], pk=m.pk, focus=focus,
        text="Marquer comme fait", label=label,
    )  # fmt: skip
    more = ""
    if m.state != MilestoneState.NOT_APPLICABLE:
        postpone, missed = (
            format_html(_BUTTON, url=links[name], pk=m.pk, focus="", text=text, label=label)
            for name, text in (
                ("milestone_postpone", "Reporter"),
                ("milestone_missed", "Non réalisé"),
            )
        )
        more = format_html("\n  {}\n  {}\n  ", postpone, missed)
    return format_html(
        '\n  {}\n  <div class="cluster">\n  {}\n  {}\n  </div>\n  ', postponed, button, more
    )


def milestone_row(
    family_id: int,
    m: Milestone,
    *,
    csrf: SafeString,
    focus: bool = False,
    form_html: str = "",
) -> SafeString:
    """The ``<li>`` of ``m``; ``form_html`` (the inline « mark done » form) replaces the
    step's actions; ``focus`` puts the keyboard focus on the row's first action."""
    links = row_links(family_id, m.pk)
    label = SafeString(_esc(m.label))  # escaped once, shown up to four times
    autofocus = " autofocus" if focus else ""
    if m.state in (MilestoneState.DONE, MilestoneState.MISSED):
        actions = _closed_actions(m, label, links, csrf, autofocus)
    elif form_html:
        actions = form_html
    elif m.state != MilestoneState.NOT_APPLICABLE or m.subject == Subject.PREGNANCY:
        actions = _open_actions(m, label, links, autofocus)
    else:
        actions = ""
    source = format_html(_SOURCE, m.source, label) if m.source else ""
    return format_html(
        _ROW,
        pk=m.pk,
        state=m.state,
        label=label,
        state_label=_STATE_LABELS.get(m.state, m.state),
        when=when_text(m),
        status=STATUS_LABELS.get(m.status, m.status),
        source=source,
        actions=mark_safe(actions),  # noqa: S308 - built by format_html or the template
    )


def done_form_html(family_id: int, m: Milestone, form: Any, request: Any) -> str:
    """The inline « mark done » form of ``m`` (htmx), as the row's actions."""
    links = row_links(family_id, m.pk)
    context = {
        "action": links["milestone_done"],
        "label": f"Marquer « {m.label} » comme fait",
        "row_url": links["milestone_row"],
        "family_id": family_id,
        "m": m,
        "form": form,
    }
    return render_to_string("pathway/_milestone_inline_form.html", context, request=request)
