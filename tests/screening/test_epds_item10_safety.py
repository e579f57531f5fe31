"""A positive item 10 is never shown as reassuring (issue 10; epds.md, review: true).

Levels: `eleve` for any item-10 answer worth >= 1 point, in the result page, the history
table and chart, the professional's views and the command output. Emergency numbers are
`tel:` links.
"""

import re
from html import unescape

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from millejours.screening import services
from millejours.screening.models import AlertTask, ContactRequest, Response

from .helpers import epds_for_points

pytestmark = pytest.mark.django_db

REASSURING = re.compile(r"rassurant|pas de difficult", re.IGNORECASE)
ITEM10_TOTAL_2 = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1]


def main_of(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def old_rules_response(family):
    """An EPDS stored under the v1 rules: item 10 at 1 point was then level « bas »."""
    answers = epds_for_points([0] * 9 + [1])
    return Response.objects.create(
        questionnaire="epds",
        version="fr-guedeney-1998.v1",
        family=family,
        respondent="parent",
        answers=answers,
        total=1,
        level="bas",
        contact_offer=True,
        alert=True,
        signed_at=timezone.now(),
    )


def test_the_result_page_never_reassures_after_a_positive_item_10(client):
    html = main_of(
        client.post(
            "/reperage/epds/test/", epds_for_points(ITEM10_TOTAL_2), follow=True
        ).content.decode()
    )
    assert "Score : 2 sur 30" in html
    assert "Score élevé" in html
    assert not REASSURING.search(html)
    for number in ("3114", "15", "112"):
        assert f'href="tel:{number}"' in html


def test_a_low_score_without_item_10_may_reassure(client):
    html = main_of(
        client.post("/reperage/epds/test/", epds_for_points([0] * 10), follow=True).content.decode()
    )
    assert "Score rassurant" in html


def test_history_of_old_rules_shows_eleve_to_the_parent(family, parent, login):
    old_rules_response(family)
    html = main_of(login(parent).get("/reperage/epds/").content.decode())
    table = html.split("<caption>Scores EPDS successifs</caption>", 1)[1].split("</table>", 1)[0]
    assert "Score élevé" in table and not REASSURING.search(table)
    assert "item 10" in html.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_the_professional_views_show_eleve_for_a_positive_item_10(family, sagefemme, login):
    old_rules_response(family)
    html = main_of(login(sagefemme).get(f"/reperage/familles/{family.pk}/").content.decode())
    assert "Score élevé" in html and not REASSURING.search(html)
    request = RequestFactory().get("/")
    request.user = sagefemme
    panel = Template("{% load screening_panels %}{% screening_family_panel family %}").render(
        Context({"request": request, "family": family})
    )
    assert "Score élevé" in panel and not REASSURING.search(panel)


def test_a_logged_in_parent_is_told_her_team_is_alerted_and_can_ask_to_be_called_back(
    family, parent, login
):
    client = login(parent)
    page = client.post("/reperage/epds/", epds_for_points(ITEM10_TOTAL_2), follow=True)
    html = main_of(page.content.decode())
    assert AlertTask.objects.filter(family=family).exists()
    assert "équipe de soins a été prévenue" in html
    assert "Voulez-vous être rappelée" in html
    token = Response.objects.get().public_token
    client.post(
        f"/reperage/epds/resultat/{token}/",
        {"name": "Camille", "phone": "0600000001", "consent": "on"},
    )
    request = ContactRequest.objects.get()
    assert (request.response.family, request.phone) == (family, "0600000001")


def test_a_parent_without_care_team_is_not_told_a_team_was_alerted(family, parent, login):
    from millejours.pathway.models import CareTeamMember

    CareTeamMember.objects.filter(family=family).delete()
    html = main_of(
        login(parent)
        .post("/reperage/epds/", epds_for_points(ITEM10_TOTAL_2), follow=True)
        .content.decode()
    )
    assert "équipe de soins a été prévenue" not in html
    assert "Voulez-vous être rappelée" in html


def test_the_alert_page_gives_the_numbers_as_links(family, parent, sagefemme, login, client):
    login(parent).post("/reperage/epds/", epds_for_points(ITEM10_TOTAL_2))
    client.logout()
    alert = AlertTask.objects.get()
    html = login(sagefemme).get(f"/reperage/alertes/{alert.pk}/").content.decode()
    assert 'href="tel:3114"' in html and "Score élevé" in html


def test_in_pregnancy_the_introduction_speaks_of_the_coming_baby(family, parent, login, client):
    # The family fixture is pregnant (10 SA).
    html = unescape(login(parent).get("/reperage/epds/").content.decode())
    assert "Vous allez avoir un bébé ou vous venez d'en avoir un." in html
    client.logout()
    public = unescape(client.get("/reperage/epds/test/").content.decode())
    assert "Vous venez d'avoir un bébé." in public
    pregnant = unescape(client.get("/reperage/epds/test/?moment=grossesse").content.decode())
    assert "Vous allez avoir un bébé ou vous venez d'en avoir un." in pregnant


def test_the_data_migration_raises_old_item_10_levels(family):
    import importlib

    from django.apps import apps

    old = old_rules_response(family)
    untouched = Response.objects.create(
        questionnaire="epds",
        version="fr-guedeney-1998.v1",
        family=family,
        respondent="parent",
        answers={},
        total=3,
        level="bas",
        signed_at=timezone.now(),
    )
    migration = importlib.import_module("millejours.screening.migrations.0003_epds_item10_level")
    migration.raise_item10_levels(apps, None)
    old.refresh_from_db()
    untouched.refresh_from_db()
    assert (old.level, old.version, old.answers) == ("eleve", "fr-guedeney-1998.v1", old.answers)
    assert untouched.level == "bas"


def test_the_family_data_export_never_says_reassuring_for_item_10(family, parent):
    from millejours.privacy.rgpd import export_family

    services.epds_submit(
        answers=epds_for_points(ITEM10_TOTAL_2), respondent="parent", family=family, user=parent
    )
    text = str(export_family(family))
    assert "Score élevé" in text and "rassurant" not in text.lower()
