"""The one care-team page (« Équipe de soins », /familles/<n°>/equipe-de-soins/).

Every form of the page goes through ``pathway.careteam``: a plain member adds colleagues
and may leave, only the referent names a referent or removes someone else, and a reader
under break the glass changes nothing (her access still ends with the grant).
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from millejours.accounts.models import Profession, Role
from millejours.audit.models import AuditEvent
from millejours.pathway.models import CareTeamMember, CareTeamRole
from millejours.pathway.selectors import visible_families
from tests import factories
from tests.pathway import careteam_personas
from tests.pathway.careteam_personas import active_role

referent, colleague, glass_reader = (
    careteam_personas.referent,
    careteam_personas.colleague,
    careteam_personas.glass_reader,
)

pytestmark = pytest.mark.django_db


def _url(family):
    return reverse("pathway:careteam", args=[family.pk])


def _remove_url(family, user):
    member = CareTeamMember.objects.get(family=family, user=user, removed_at__isnull=True)
    return reverse("pathway:careteam_remove", args=[family.pk, member.pk])


def _detail(family):
    return reverse("pathway:family_detail", args=[family.pk])


# --- What everyone may do -----------------------------------------------------------------------


def test_the_page_lists_the_members(login, sagefemme, family):
    html = login(sagefemme).get(_url(family)).content.decode()
    assert "Sophie Martin" in html and "Sage-femme" in html


def test_a_colleague_is_added_by_email_and_then_sees_the_family(login, sagefemme, family, outsider):
    response = login(sagefemme).post(
        _url(family), {"email": "SF.HorsEquipe@test.millejours.fr", "role": "membre"}
    )
    assert response.status_code == 302
    assert active_role(family, outsider) == CareTeamRole.MEMBER
    assert AuditEvent.objects.filter(action="careteam.added", family_id_ref=family.pk).exists()
    assert login(outsider).get(_detail(family)).status_code == 200


@pytest.mark.parametrize("email", ["inconnu@test.millejours.fr", "parent@test.millejours.fr"])
def test_only_existing_professionals_can_be_added(login, sagefemme, family, email):
    response = login(sagefemme).post(_url(family), {"email": email, "role": "membre"})
    assert response.status_code == 422
    assert "Aucun professionnel de santé ou référent" in response.content.decode()
    assert CareTeamMember.objects.filter(family=family).count() == 1


def test_a_member_leaves_the_team_and_loses_access(login, sagefemme, colleague, family):
    client = login(sagefemme)
    response = client.post(_remove_url(family, sagefemme))
    assert response.status_code == 302
    assert active_role(family, sagefemme) is None
    assert AuditEvent.objects.filter(action="careteam.left", family_id_ref=family.pk).exists()
    assert client.get(_detail(family)).status_code == 404


def test_the_last_member_cannot_leave(login, sagefemme, family):
    login(sagefemme).post(_remove_url(family, sagefemme))
    assert active_role(family, sagefemme) == CareTeamRole.MEMBER


# --- A plain member never changes the team's roles nor removes anyone -------------------------------


def test_a_plain_member_cannot_name_herself_referent(login, sagefemme, family):
    response = login(sagefemme).post(_url(family), {"email": sagefemme.email, "role": "referent"})
    assert response.status_code == 403
    assert active_role(family, sagefemme) == CareTeamRole.MEMBER


def test_a_plain_member_cannot_name_a_colleague_referent(login, sagefemme, outsider, family):
    response = login(sagefemme).post(_url(family), {"email": outsider.email, "role": "referent"})
    assert response.status_code == 403
    assert active_role(family, outsider) is None


def test_a_plain_member_cannot_demote_the_referent_by_adding_her_again(
    login, sagefemme, referent, family
):
    login(sagefemme).post(_url(family), {"email": referent.email, "role": "membre"})
    assert active_role(family, referent) == CareTeamRole.REFERENT


@pytest.mark.parametrize("target", ["referent", "colleague"])
def test_a_plain_member_cannot_remove_another_member(login, sagefemme, family, target, request):
    user = request.getfixturevalue(target)
    response = login(sagefemme).post(_remove_url(family, user))
    assert response.status_code == 403
    assert active_role(family, user) is not None
    assert not AuditEvent.objects.filter(action="careteam.removed").exists()


def test_a_plain_member_sees_no_remove_button_for_others(login, sagefemme, referent, family):
    html = login(sagefemme).get(_url(family)).content.decode()
    assert "Quitter l'équipe" in html
    assert "Retirer<" not in html
    assert 'value="referent"' not in html


# --- The referent ---------------------------------------------------------------------------------


def test_the_referent_names_another_referent(login, referent, outsider, family):
    response = login(referent).post(_url(family), {"email": outsider.email, "role": "referent"})
    assert response.status_code == 302
    assert active_role(family, outsider) == CareTeamRole.REFERENT
    assert AuditEvent.objects.filter(
        action="careteam.referent_named", family_id_ref=family.pk
    ).exists()


def test_the_referent_promotes_a_member(login, referent, sagefemme, family):
    login(referent).post(_url(family), {"email": sagefemme.email, "role": "referent"})
    assert active_role(family, sagefemme) == CareTeamRole.REFERENT


def test_the_referent_removes_a_member_who_loses_access(login, referent, colleague, family):
    response = login(referent).post(_remove_url(family, colleague))
    assert response.status_code == 302
    assert active_role(family, colleague) is None
    assert AuditEvent.objects.filter(action="careteam.removed", family_id_ref=family.pk).exists()
    assert login(colleague).get(_detail(family)).status_code == 404


# --- Break the glass never changes the team ----------------------------------------------------------


def test_a_reader_under_break_the_glass_cannot_add_herself_as_referent(
    login, glass_reader, family, settings
):
    client = login(glass_reader)
    response = client.post(_url(family), {"email": glass_reader.email, "role": "referent"})
    assert response.status_code == 403
    assert active_role(family, glass_reader) is None
    after = timezone.now() + dt.timedelta(hours=settings.MILLEJOURS_BREAK_GLASS_HOURS, minutes=1)
    with time_machine.travel(after):
        assert not visible_families(glass_reader).filter(pk=family.pk).exists()


def test_a_reader_under_break_the_glass_cannot_add_anyone(login, glass_reader, outsider, family):
    response = login(glass_reader).post(_url(family), {"email": outsider.email, "role": "membre"})
    assert response.status_code == 403
    assert active_role(family, outsider) is None


def test_a_reader_under_break_the_glass_cannot_remove_anyone(
    login, glass_reader, colleague, family
):
    response = login(glass_reader).post(_remove_url(family, colleague))
    assert response.status_code == 403
    assert active_role(family, colleague) == CareTeamRole.MEMBER


def test_a_reader_under_break_the_glass_sees_the_team_but_no_form(login, glass_reader, family):
    html = login(glass_reader).get(_url(family)).content.decode()
    assert "Sophie Martin" in html
    assert "Ajouter à l'équipe" not in html and "Retirer" not in html


# --- Roles without a care team ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coordinator", "admin_user", "parent", "partner"])
def test_roles_outside_care_teams_change_nothing(login, family, outsider, persona, request):
    client = login(request.getfixturevalue(persona))
    assert (
        client.post(_url(family), {"email": outsider.email, "role": "referent"}).status_code == 403
    )
    assert active_role(family, outsider) is None


def test_a_professional_outside_the_team_gets_404(login, outsider, family, sagefemme):
    client = login(outsider)
    assert client.post(_url(family), {"email": outsider.email, "role": "membre"}).status_code == 404
    assert client.post(_remove_url(family, sagefemme)).status_code == 404
    assert (
        active_role(family, outsider) is None
        and active_role(family, sagefemme) == CareTeamRole.MEMBER
    )


def test_an_unknown_member_id_is_a_404(login, referent, family):
    url = reverse("pathway:careteam_remove", args=[family.pk, 999999])
    assert login(referent).post(url).status_code == 404


def test_a_pmi_colleague_added_by_a_member_can_be_found_by_email_case_insensitively(
    login, sagefemme, family
):
    pmi = factories.user(
        Role.PROFESSIONAL, email="pmi@test.millejours.fr", profession=Profession.PUERICULTRICE
    )
    login(sagefemme).post(_url(family), {"email": "PMI@Test.MilleJours.fr", "role": "membre"})
    assert active_role(family, pmi) == CareTeamRole.MEMBER
