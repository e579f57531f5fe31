"""« Qui a consulté mon dossier » for parents; the DPO searches the whole log."""

import pytest
from django.urls import reverse

from millejours.pathway.selectors import get_family_for_user
from tests import factories

pytestmark = pytest.mark.django_db


def test_parent_sees_who_read_the_record_in_words(login, parent, family, sagefemme):
    get_family_for_user(sagefemme, family.pk, page="pathway:family_detail", path="/familles/1/")
    html = login(parent).get(reverse("privacy:my_access_history")).content.decode()
    assert "Sophie Martin" in html
    assert "Sage-femme" in html
    assert "Cabinet de sages-femmes du Lauragais" in html
    assert "Dossier de la famille" in html


def test_parent_does_not_see_reads_of_other_families(login, parent, family, outsider):
    other = factories.family(care_team=[outsider])
    get_family_for_user(outsider, other.pk, page="pathway:family_detail")
    html = login(parent).get(reverse("privacy:my_access_history")).content.decode()
    assert "Olivia Dehors" not in html
    assert "a encore consulté votre dossier" in html


def test_dpo_filters_the_log_by_file_and_break_glass(
    login, admin_user, family, sagefemme, outsider
):
    other = factories.family(care_team=[outsider])
    get_family_for_user(sagefemme, family.pk, page="pathway:family_detail")
    get_family_for_user(outsider, other.pk, page="pathway:family_detail")
    client = login(admin_user)
    html = client.get(reverse("privacy:accesslog_search"), {"family": family.pk}).content.decode()
    assert "Sophie Martin" in html and "Olivia Dehors" not in html
    html = client.get(reverse("privacy:accesslog_search"), {"break_glass": "on"}).content.decode()
    assert "Aucun accès ne correspond" in html


def test_dpo_search_is_paginated(login, admin_user, family, sagefemme):
    for _ in range(55):
        get_family_for_user(sagefemme, family.pk, page="pathway:family_detail")
    html = login(admin_user).get(reverse("privacy:accesslog_search")).content.decode()
    assert "Page 1 sur 2" in html


def test_invalid_filter_shows_a_french_error(login, admin_user):
    html = (
        login(admin_user)
        .get(reverse("privacy:accesslog_search"), {"date_from": "hier"})
        .content.decode()
    )
    assert "Date invalide" in html


def _read(user, family, page, minutes):
    """A read of ``family`` by ``user``, ``minutes`` ago."""
    import datetime as dt

    from django.utils import timezone

    from millejours.audit.models import AccessLog

    get_family_for_user(user, family.pk, page=page)
    entry = AccessLog.objects.order_by("-id").first()
    AccessLog.objects.filter(pk=entry.pk).update(at=timezone.now() - dt.timedelta(minutes=minutes))


def test_reads_of_one_person_close_together_make_one_visit(login, parent, family, sagefemme):
    for minutes, page in (
        (50, "pathway:family_detail"),
        (45, "pathway:family_calendar"),
        (40, "screening:family"),
    ):
        _read(sagefemme, family, page, minutes)
    _read(sagefemme, family, "pathway:family_detail", 60 * 24)  # the day before: another visit
    html = login(parent).get(reverse("privacy:my_access_history")).content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    assert body.count("<tr>") == 2
    assert "Dossier de la famille, Calendrier du suivi, Repérage (questionnaires)" in body


def test_the_parent_sees_her_own_visits_only_behind_the_switch(login, parent, family, sagefemme):
    _read(sagefemme, family, "pathway:family_detail", 90)
    _read(parent, family, "pathway:family_calendar", 10)
    client = login(parent)
    body = client.get(reverse("privacy:my_access_history")).content.decode()
    assert "Sophie Martin" in body and "<td>Vous" not in body
    body = client.get(reverse("privacy:my_access_history"), {"les_miennes": "1"}).content.decode()
    assert "Sophie Martin" in body and "<td>Vous" in body
    assert "Calendrier du suivi" in body
