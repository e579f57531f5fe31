"""The timeline row's tags: the same text and links as the template code they replace."""

import datetime as dt

from django.template import Context, Template
from django.urls import reverse

from millejours.pathway.models import Milestone
from millejours.pathway.templatetags.pathway_rows import milestone_when, status_label


def test_milestone_links_are_the_url_tag_links():
    out = Template(
        "{% load pathway_rows %}{% milestone_links 12 345 as links %}"
        "{{ links.milestone_row }}|{{ links.milestone_done }}|{{ links.milestone_undo }}|"
        "{{ links.milestone_reopen }}|{{ links.milestone_postpone }}|{{ links.milestone_missed }}"
    ).render(Context())
    names = ["row", "done", "undo", "reopen", "postpone", "missed"]
    assert out == "|".join(reverse(f"pathway:milestone_{n}", args=[12, 345]) for n in names)


def test_when_is_the_date_filter_text():
    day = Milestone(
        window_start=dt.date(2026, 6, 2), due=dt.date(2026, 6, 2), window_end=dt.date(2026, 6, 2)
    )
    window = Milestone(
        window_start=dt.date(2026, 6, 22), due=dt.date(2026, 6, 29), window_end=dt.date(2026, 7, 12)
    )
    assert milestone_when(day) == "Le 02/06/2026"
    assert milestone_when(window) == "Du 22/06/2026 au 12/07/2026 (date cible 29/06/2026)"


def test_status_labels_and_unknown_status_shown_as_is_and_escaped():
    assert status_label("compulsory") == "Obligatoire"
    assert status_label("conditional") == "Selon la situation"
    out = Template("{% load pathway_rows %}{{ s|status_label }}").render(Context({"s": "<b>x</b>"}))
    assert out == "&lt;b&gt;x&lt;/b&gt;"
