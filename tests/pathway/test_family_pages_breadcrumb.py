"""Every page inside a family's record (pathway, screening, check-up) leads back the same
way: « Familles › <the family> › <the page> » (one template, ``pathway/family_page.html``)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = [
    ("pathway:careteam", "Équipe de soins"),
    ("pathway:pregnancy_create", "Nouvelle grossesse"),
    ("pathway:parent_invite", "Invitation"),
    ("screening:family", "Repérage"),
    ("checkup:family", "Bilan prévention"),
]


@pytest.mark.parametrize(("name", "crumb"), PAGES)
def test_a_family_page_leads_back_to_the_list_and_the_record(family, sagefemme, login, name, crumb):
    response = login(sagefemme).get(reverse(name, args=[family.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<nav aria-label="Fil d\'Ariane">')
    nav = html[start : html.index("</nav>", start)]
    assert f'<a href="{reverse("pathway:family_list")}">Familles</a>' in nav
    assert f'href="{reverse("pathway:family_detail", args=[family.pk])}"' in nav
    assert nav.rstrip().endswith(f"› {crumb}")
