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
    assert "Personne n&#x27;a encore consulté" in html or "Personne n'a encore consulté" in html


def test_dpo_filters_the_log_by_file_and_break_glass(login, admin_user, family, sagefemme, outsider):
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
    html = login(admin_user).get(reverse("privacy:accesslog_search"), {"date_from": "hier"}).content.decode()
    assert "Date invalide" in html
