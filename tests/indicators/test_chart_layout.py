"""The indicators chart keeps full labels (wrapped) and never clips a value."""

import pytest
from django.urls import reverse

from millejours.indicators import chart
from millejours.indicators.definitions import load

LONG = "Nombre de futurs parents recontactés après un message, dont ceux qui ont pris rendez-vous pour l'entretien prénatal précoce"


def test_a_long_label_is_wrapped_whole_never_cut():
    (bar,) = chart.layout([{"label": LONG, "value": 3}])["bars"]
    assert " ".join(bar["lines"]) == LONG
    assert all(len(line) <= chart.LABEL_CHARS for line in bar["lines"])


def test_the_largest_value_fits_inside_the_viewbox():
    result = chart.layout([{"label": "A", "value": 123456}, {"label": LONG, "value": 1}])
    widest = result["bars"][0]
    assert widest["value_x"] + 13 * 0.6 * len("123456") < result["width"]
    # rows never overlap: each starts below the previous one's wrapped label
    first, second = result["bars"]
    assert second["y"] >= first["y"] + max(
        chart.BAR_HEIGHT, len(first["lines"]) * chart.LINE_HEIGHT
    )
    assert result["height"] >= second["y"] + len(second["lines"]) * chart.LINE_HEIGHT


@pytest.mark.django_db
def test_the_dashboard_shows_every_indicator_label_in_full(login, coordinator):
    html = login(coordinator).get(reverse("indicators:dashboard")).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "…" not in svg
    import re
    from html import unescape

    drawn = re.sub(r"<desc.*?</desc>", "", svg, flags=re.S)  # the text drawn, not the description
    text = unescape(re.sub(r"<[^>]+>", " ", drawn))
    text = " ".join(text.split())
    for indicator in load("petit_pas_grand_pas").indicators:
        assert indicator.label in text
