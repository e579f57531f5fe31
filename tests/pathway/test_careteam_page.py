"""Managing the care team: add a colleague by e-mail, remove a member; never the last one."""

import pytest
from django.urls import reverse

from millejours.accounts.models import Profession, Role
from millejours.pathway.models import CareTeamMember
from millejours.audit.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def _url(family):
    return reverse("pathway:careteam", args=[family.pk])


def test_the_page_lists_the_members(login, sagefemme, family):
    html = login(sagefemme).get(_url(family)).content.decode()
    assert "Sophie Martin" in html and "Sage-femme" in html


def test_a_colleague_is_added_by_email_and_then_sees_the_family(login, sagefemme, family, outsider):
    response = login(sagefemme).post(_url(family), {"email": "SF.HorsEquipe@test.millejours.fr", "role": "membre"})
    assert response.status_code == 302
    assert CareTeamMember.objects.filter(family=family, user=outsider, removed_at__isnull=True).exists()
    assert AuditEvent.objects.filter(action="careteam.added", family_id_ref=family.pk).exists()
    assert login(outsider).get(reverse("pathway:family_detail", args=[family.pk])).status_code == 200


@pytest.mark.parametrize("email", ["inconnu@test.millejours.fr", "parent@test.millejours.fr"])
def test_only_existing_professionals_can_be_added(login, sagefemme, family, email):
    response = login(sagefemme).post(_url(family), {"email": email, "role": "membre"})
    assert response.status_code == 422
    assert "Aucun professionnel de santé ou référent" in response.content.decode()
    assert CareTeamMember.objects.filter(family=family).count() == 1


def test_a_member_is_removed_and_loses_access(login, sagefemme, family):
    pmi = factories.user(Role.PROFESSIONAL, profession=Profession.PUERICULTRICE)
    member = CareTeamMember.objects.create(family=family, user=pmi)
    login(sagefemme).post(reverse("pathway:careteam_remove", args=[family.pk, member.pk]))
    member.refresh_from_db()
    assert member.removed_at is not None
    assert login(pmi).get(reverse("pathway:family_detail", args=[family.pk])).status_code == 404


def test_the_last_member_cannot_be_removed(login, sagefemme, family):
    member = family.care_team.get()
    login(sagefemme).post(reverse("pathway:careteam_remove", args=[family.pk, member.pk]))
    member.refresh_from_db()
    assert member.removed_at is None
