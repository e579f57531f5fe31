"""The directory's result cards (``{% directory_hits %}``): byte for byte the template block
they replaced (issue 12, load test), public and private, in French, English and Arabic."""

import pytest
from django.template import Context, Template
from django.utils import translation

from millejours.directory.models import Status
from millejours.directory.selectors import Hit
from millejours.directory.templatetags.directory_hits import directory_hits
from tests import factories

from .helpers import service

pytestmark = pytest.mark.django_db

# The loop of directory/search.html before the cards were rendered in Python.
OLD_BLOCK = '    {% for hit in hits %}{% with service=hit.service %}\n    <li class="card" id="service-{{ service.pk }}">\n      <h3 lang="fr"><a href="{% url detail_url service.pk %}">{{ service.name }}</a></h3>\n      <p class="cluster">\n        <span class="badge">{% blocktranslate with distance=hit.distance_km|floatformat:1 %}à {{ distance }} km{% endblocktranslate %}</span>\n        <span lang="fr">{{ service.structure.name }}</span>\n        {% if service.typologie_label %}<span class="muted" lang="fr">— {{ service.typologie_label }}</span>{% endif %}\n        {% if private and service.status != "publie" %}<span class="badge">{{ service.get_status_display }}</span>{% endif %}\n      </p>\n      <dl class="facts">\n        {% if service.address or service.commune %}<dt>{% translate "Adresse" %}</dt><dd lang="fr">{{ service.address }}{% if service.commune %}{% if service.address %}, {% endif %}{{ service.commune.name }}{% endif %}</dd>{% endif %}\n        {% if service.phone %}<dt>{% translate "Téléphone" %}</dt><dd><a href="tel:{{ service.phone }}">{{ service.phone }}</a></dd>{% endif %}\n        {% if service.email %}<dt>{% translate "Courriel" %}</dt><dd><a href="mailto:{{ service.email }}">{{ service.email }}</a></dd>{% endif %}\n        {% if service.opening_hours %}<dt>{% translate "Horaires" %}</dt><dd lang="fr">{{ service.opening_hours_lines|join:" ; " }}</dd>{% endif %}\n        {% if service.theme_labels %}<dt>{% translate "Thématiques" %}</dt><dd lang="fr">{{ service.theme_labels|join:", " }}</dd>{% endif %}\n        {% if private and service.private_contact_name or private and service.private_phone or private and service.private_email %}\n        <dt>Contact professionnel</dt><dd>{{ service.private_contact_name }} {{ service.private_phone }} {% if service.private_email %}<a href="mailto:{{ service.private_email }}">{{ service.private_email }}</a>{% endif %}</dd>\n        {% endif %}\n      </dl>\n    </li>\n    {% endwith %}{% endfor %}'


@pytest.fixture
def hits():
    commune = factories.commune()
    full = service(
        "Consultation <PMI> & co",
        address='2 rue des "Lilas"',
        commune=commune,
        phone="05 61 00 00 00",
        email="pmi@example.org",
        opening_hours="Mo-Fr 09:00-12:00; PH off",
        private_contact_name="Dr <Martin>",
        private_email="pro@example.org",
        typologie="pmi",
    )
    bare = service("Lieu d'accueil", themes=(), status=Status.DRAFT, private_phone="06")
    odd = service("Horaires libres", opening_hours="sur rendez-vous", commune=commune)
    return [Hit(full, 1.25), Hit(bare, 12.0), Hit(odd, 0.04)]


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
@pytest.mark.parametrize("private", [False, True])
def test_the_cards_are_the_template_block_output(hits, language, private):
    url = "directory:pro_detail" if private else "directory:public_detail"
    old = Template("{% load i18n %}" + OLD_BLOCK)
    with translation.override(language):
        expected = old.render(Context({"hits": hits, "private": private, "detail_url": url}))
        assert "    " + directory_hits(hits, url, private) == expected
    assert "Consultation &lt;PMI&gt; &amp; co" in expected
    assert ("Dr &lt;Martin&gt;" in expected) is private
