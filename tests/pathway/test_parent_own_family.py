"""« The parent's own family »: one selector (``pathway.selectors.parent_family``) used by the
parent pages of every domain; a parent sees her family and never another one."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse

from millejours.accounts.models import Role
from millejours.audit.models import AccessLog
from millejours.pathway.selectors import get_own_family, parent_family
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_family(db, sagefemme, commune):
    """Another mother of the same care team, with her own parent account."""
    other = factories.user(
        Role.PARENT, email="autre.parent@test.millejours.fr", first_name="Inès", last_name="Autre"
    )
    return factories.family(
        care_team=[sagefemme],
        parent_user=other,
        commune_obj=commune,
        display_name="Foyer AUTREFAMILLE",
    )


def test_the_selector_gives_each_parent_her_own_family(parent, family, other_family):
    assert parent_family(parent) == family
    other_parent = other_family.parents.get().user
    assert parent_family(other_parent) == other_family


def test_no_family_for_an_unlinked_account_a_professional_or_a_visitor(db, sagefemme, family):
    unlinked = factories.user(Role.PARENT, email="seule@test.millejours.fr")
    assert parent_family(unlinked) is None
    assert parent_family(sagefemme) is None
    assert parent_family(AnonymousUser()) is None
    with pytest.raises(Http404):
        get_own_family(unlinked, page="test")


def test_opening_her_family_goes_through_the_access_log(parent, family):
    assert get_own_family(parent, page="test:own", path="/x/") == family
    assert AccessLog.objects.filter(family_id_ref=family.pk, user=parent, page="test:own").exists()


@pytest.mark.parametrize(
    "url",
    [
        reverse("pathway:parent_calendar"),
        reverse("privacy:my_data"),
        reverse("privacy:my_consents"),
    ],
)
def test_parent_pages_show_her_family_only(login, parent, family, other_family, url):
    response = login(parent).get(url)
    html = response.content.decode()
    assert response.status_code == 200
    shown = family.display_name in html  # or read (logged) to build the page
    assert shown or AccessLog.objects.filter(family_id_ref=family.pk, user=parent).exists()
    assert other_family.display_name not in html and other_family.reference not in html
    assert not AccessLog.objects.filter(family_id_ref=other_family.pk).exists()


def test_checkup_and_epds_parent_pages_open_her_family_only(login, parent, family, other_family):
    client = login(parent)
    for url in (reverse("screening:epds_parent"), reverse("checkup:parent_checkup")):
        assert client.get(url).status_code == 200
    assert AccessLog.objects.filter(family_id_ref=family.pk, user=parent).count() == 2
    assert not AccessLog.objects.filter(family_id_ref=other_family.pk).exists()
