"""Who may add whom to a family's care team; the parent sees the team."""

import pytest
from django.urls import reverse

from millejours.pathway.models import CareTeamMember, CareTeamRole
from millejours.pathway.selectors import visible_families
from millejours.audit import services
from tests import factories

pytestmark = pytest.mark.django_db


def add(client, family, email, **extra):
    return client.post(reverse("trust:careteam_add", args=[family.pk]), {"email": email, **extra})


def test_a_team_member_adds_a_professional(login, sagefemme, outsider, family):
    response = add(login(sagefemme), family, outsider.email)
    assert response.status_code == 302
    assert list(visible_families(outsider)) == [family]


def test_a_member_cannot_appoint_a_referent(login, sagefemme, outsider, family):
    response = add(login(sagefemme), family, outsider.email, role="referent")
    assert response.status_code == 403
    assert not visible_families(outsider).exists()


def test_the_referent_appoints_another_referent(login, sagefemme, outsider, family):
    CareTeamMember.objects.filter(family=family, user=sagefemme).update(role=CareTeamRole.REFERENT)
    add(login(sagefemme), family, outsider.email, role="referent")
    assert CareTeamMember.objects.get(family=family, user=outsider).role == CareTeamRole.REFERENT


def test_parents_and_partners_cannot_be_added(login, sagefemme, partner, family):
    add(login(sagefemme), family, partner.email)
    assert not CareTeamMember.objects.filter(user=partner).exists()


def test_outsider_cannot_add_themselves(login, outsider, family):
    assert add(login(outsider), family, outsider.email).status_code == 404


def test_break_the_glass_does_not_allow_changing_the_team(login, outsider, family, coordinator):
    services.break_glass_open(user=outsider, family=family, reason="Urgence vitale à la maternité.")
    other = factories.user(email="autre.pro@test.millejours.fr")
    assert add(login(outsider), family, other.email).status_code == 403


def test_a_member_leaves_but_cannot_remove_others(login, sagefemme, outsider, family):
    CareTeamMember.objects.create(family=family, user=outsider)
    client = login(sagefemme)
    url = reverse("trust:careteam_remove", args=[family.pk, outsider.pk])
    assert client.post(url).status_code == 403
    client.post(reverse("trust:careteam_remove", args=[family.pk, sagefemme.pk]))
    assert not visible_families(sagefemme).exists()


def test_parent_sees_the_care_team(login, parent, family):
    html = login(parent).get(reverse("trust:my_consents")).content.decode()
    assert "Votre équipe de soins" in html and "Sophie Martin" in html


def test_family_page_panel_lists_the_team_and_consents(login, sagefemme, family):
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = sagefemme
    html = Template("{% load trust_panels %}{% trust_family_panel family %}").render(
        Context({"family": family, "request": request})
    )
    assert "Sophie Martin" in html and "Partage des informations" in html and "Ajouter à l'équipe" in html
