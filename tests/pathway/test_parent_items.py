"""The parent's calendar rows (``{% parent_items %}``): byte for byte the row template they
replaced (issue 12, load test), in French, English and Arabic, values escaped."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from millejours.pathway.models import Child, Milestone
from millejours.pathway.templatetags.parent_items import parent_items

# The row template of the parent's calendar before it was rendered in Python.
ROW_TEMPLATE = '{% load i18n %}<li class="state-{{ m.state }}" data-code="{{ m.code }}">\n  <strong>{% translate m.label %}</strong>{% if m.child_id and m.child.first_name %} — {% blocktranslate with name=m.child.first_name %}pour {{ name }}{% endblocktranslate %}{% endif %}\n  <span class="badge state-{{ m.state }}">{% translate m.get_state_display %}</span>\n  <p class="when">{% if m.state == "fait" %}{% blocktranslate with date=m.done_on|date:"d/m/Y" %}Fait le {{ date }}{% endblocktranslate %}{% elif m.state == "en_retard" %}{% blocktranslate with date=m.window_end|date:"d/m/Y" %}La période conseillée s\'est terminée le {{ date }} : parlez-en à votre sage-femme ou à votre médecin{% endblocktranslate %}{% elif m.state == "a_faire" %}{% blocktranslate with date=m.window_end|date:"d/m/Y" %}À faire d\'ici le {{ date }}{% endblocktranslate %}{% elif m.window_start == m.window_end %}{% blocktranslate with date=m.due|date:"d/m/Y" %}Le {{ date }}{% endblocktranslate %}{% else %}{% blocktranslate with start=m.window_start|date:"d/m/Y" end=m.window_end|date:"d/m/Y" %}À partir du {{ start }}, jusqu\'au {{ end }}{% endblocktranslate %}{% endif %}{% if m.status == "compulsory" %} · {% translate "obligatoire" %}{% endif %}{% if m.source %} · <a href="{{ m.source }}" rel="noopener noreferrer" target="_blank">{% translate "En savoir plus" %}<span class="visually-hidden"> {% translate m.label as label %}{% blocktranslate %}sur {{ label }} (nouvel onglet){% endblocktranslate %}</span></a>{% endif %}</p>\n</li>\n'

D1, D2, D3 = dt.date(2026, 3, 2), dt.date(2026, 3, 9), dt.date(2026, 4, 1)


def step(state, **extra):
    values = {
        "code": "epp",
        "label": "Entretien prénatal précoce",
        "status": "compulsory",
        "window_start": D1,
        "due": D2,
        "window_end": D3,
        "source": "https://www.ameli.fr/?a=1&b=<2>",
        "state": state,
        **extra,
    }
    return Milestone(**values)


STEPS = [
    step("fait", done_on=D2),
    step("fait", done_on=None, source=""),
    step("en_retard", status="recommended"),
    step("a_faire", label='Vaccin <b>"100 %"</b>'),
    step("a_venir", window_start=D2, window_end=D2),
    step("a_venir", child=Child(pk=7, first_name="Zoé <i>&</i>"), code="vac_2m"),
    step("a_venir", child=Child(pk=8, first_name=""), status="information"),
]


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
def test_the_rows_are_the_row_template_output(language):
    old = Template("{% for m in steps %}" + ROW_TEMPLATE + "{% endfor %}")
    with translation.override(language):
        expected = old.render(Context({"steps": STEPS}))
        assert str(parent_items(STEPS)) == expected
    assert "Zoé &lt;i&gt;&amp;&lt;/i&gt;" in expected and "&amp;b=&lt;2&gt;" in expected


def test_the_rows_are_translated():
    with translation.override("en"):
        html = str(parent_items([step("fait", done_on=D2)]))
    assert "Done on 09/03/2026" in html and ">Find out more<" in html
