"""The worklist row's tag: the same texts and links as the template code it replaces."""

import datetime as dt
from urllib.parse import quote

import pytest
from django.template import Context, Template
from django.urls import reverse

from millejours.pathway.models import Family, Milestone
from millejours.pathway.templatetags.worklist_rows import worklist_row

BACK = "/familles/liste-de-travail/?liste=late&q=é b"


def _milestone(**fields) -> Milestone:
    family = Family(pk=12, display_name="Foyer <Martin>")
    values = {
        "pk": 345,
        "family": family,
        "label": "Vaccin & rappel",
        "state": "en_retard",
        "status": "compulsory",
        "due": dt.date(2026, 6, 29),
        "window_start": dt.date(2026, 6, 22),
        "window_end": dt.date(2026, 7, 12),
    }
    return Milestone(**{**values, **fields})


def test_the_links_are_the_url_tag_links_with_the_quoted_return_address():
    row = worklist_row(_milestone(), BACK)
    postpone = reverse("pathway:milestone_postpone", args=[12, 345])
    missed = reverse("pathway:milestone_missed", args=[12, 345])
    back = quote(BACK)
    assert row["family_url"] == reverse("pathway:family_detail", args=[12])
    assert row["postpone_href"] == f"{postpone}?retour={back}"
    assert row["postpone_hx"] == f"{postpone}?ligne=1&retour={back}"
    assert row["missed_href"] == f"{missed}?retour={back}"
    assert row["missed_hx"] == f"{missed}?ligne=1&retour={back}"


def test_the_texts_are_the_date_and_display_filters_texts():
    row = worklist_row(_milestone(postponed_to=dt.date(2026, 8, 3), postpone_reason="RDV"), BACK)
    assert (row["due"], row["window"]) == ("29/06/2026", "du 22/06/2026 au 12/07/2026")
    assert (row["state_label"], row["status_label"]) == ("En retard", "Obligatoire")
    assert (row["postponed_to"], row["postpone_reason"]) == ("03/08/2026", "RDV")
    assert row["who"] == "Vaccin & rappel — Foyer <Martin>"
    assert row["late"] and row["commune"] == "" and row["child_name"] == ""
    assert worklist_row(_milestone(state="a_faire"), BACK)["late"] is False


@pytest.mark.parametrize("closed", [False, True])
def test_the_row_template_escapes_the_names(closed):
    html = Template('{% include "pathway/_worklist_row.html" %}').render(
        Context({"m": _milestone(), "back": BACK, "closed": closed})
    )
    assert "Foyer &lt;Martin&gt;" in html and "<Martin>" not in html
    assert "Vaccin &amp; rappel — Foyer &lt;Martin&gt;" in html
    assert f"?ligne=1&amp;retour={quote(BACK)}" in html or closed
