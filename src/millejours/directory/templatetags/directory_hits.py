"""The result cards of the directory search, rendered in Python (``{% directory_hits %}``).

Byte for byte what the ``{% for hit in hits %}`` block of ``directory/search.html`` gave
(≈ 25 cards, ten tags each: ≈ 6 ms of template rendering per page; issue 12, load test);
``tests/directory/test_directory_hits.py`` keeps the old block and compares. The messages
are the same msgids (EN / AR translations unchanged).
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from millejours.lib.urls import reverse_ids

from ..models import Service
from ..selectors import Hit

register = template.Library()


def _v(value: object) -> str:
    """``{{ value }}``: the text, escaped."""
    return str(conditional_escape(value if isinstance(value, str) else str(value)))


def _facts(service: Service) -> list[str]:
    """The lines of ``<dl class="facts">`` (an empty string for a fact not given)."""
    address = ""
    if service.address or service.commune:
        place = _v(service.address)
        if service.commune:
            place += (", " if service.address else "") + _v(service.commune.name)
        address = f'<dt>{gettext("Adresse")}</dt><dd lang="fr">{place}</dd>'
    phone = email = hours = themes = ""
    if service.phone:
        p = _v(service.phone)
        phone = f'<dt>{gettext("Téléphone")}</dt><dd><a href="tel:{p}">{p}</a></dd>'
    if service.email:
        e = _v(service.email)
        email = f'<dt>{gettext("Courriel")}</dt><dd><a href="mailto:{e}">{e}</a></dd>'
    if service.opening_hours:
        lines = " ; ".join(_v(line) for line in service.opening_hours_lines)
        hours = f'<dt>{gettext("Horaires")}</dt><dd lang="fr">{lines}</dd>'
    labels = service.theme_labels
    if labels:
        themes = f'<dt>{gettext("Thématiques")}</dt><dd lang="fr">{", ".join(map(_v, labels))}</dd>'
    return [address, phone, email, hours, themes]


def _private_contact(service: Service) -> str:
    if not (service.private_contact_name or service.private_phone or service.private_email):
        return ""
    mail = ""
    if service.private_email:
        e = _v(service.private_email)
        mail = f'<a href="mailto:{e}">{e}</a>'
    return (
        "\n        <dt>Contact professionnel</dt><dd>"
        f"{_v(service.private_contact_name)} {_v(service.private_phone)} {mail}</dd>\n        "
    )


def _card(hit: Hit, detail_url: str, private: bool) -> str:
    service = hit.service
    url = reverse_ids(detail_url, service.pk)
    distance = gettext("à %(distance)s km") % {"distance": _v(floatformat(hit.distance_km, 1))}
    kind = service.typologie_label
    kind = f'<span class="muted" lang="fr">— {_v(kind)}</span>' if kind else ""
    status = ""
    if private and service.status != "publie":
        status = f'<span class="badge">{_v(service.get_status_display())}</span>'
    facts = "".join(f"        {line}\n" for line in _facts(service))
    contact = _private_contact(service) if private else ""
    return (
        f'\n    <li class="card" id="service-{service.pk}">\n'
        f'      <h3 lang="fr"><a href="{url}">{_v(service.name)}</a></h3>\n'
        '      <p class="cluster">\n'
        f'        <span class="badge">{distance}</span>\n'
        f'        <span lang="fr">{_v(service.structure.name)}</span>\n'
        f"        {kind}\n"
        f"        {status}\n"
        "      </p>\n"
        '      <dl class="facts">\n'
        f"{facts}        {contact}\n"
        "      </dl>\n"
        "    </li>\n    "
    )


@register.simple_tag
def directory_hits(hits: Iterable[Hit], detail_url: str, private: bool) -> SafeString:
    """The ``<li>`` cards of ``hits`` (services with structure and commune loaded)."""
    return mark_safe("".join(_card(hit, detail_url, bool(private)) for hit in hits))
