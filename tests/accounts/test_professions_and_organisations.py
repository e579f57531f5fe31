"""Professions with an RPPS number; organisations and memberships managed by the admin."""

import pytest
from django.core.exceptions import ValidationError

from millejours.accounts.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Profession,
    Role,
    User,
)

pytestmark = pytest.mark.django_db
VALID_RPPS = "10000000009"


def professional(**extra):
    return User(email="pro@exemple.fr", role=Role.PROFESSIONAL, **extra)


def test_rpps_is_required_when_the_profession_has_one():
    with pytest.raises(ValidationError) as exc:
        professional(profession=Profession.SAGE_FEMME).clean()
    assert "obligatoire" in exc.value.message_dict["rpps"][0]


def test_professions_outside_the_rpps_need_none():
    professional(profession=Profession.TISF).clean()


@pytest.mark.parametrize(
    ("value", "message"), [("1234", "11 chiffres"), ("10000000008", "clé de contrôle")]
)
def test_invalid_rpps_numbers_are_refused(value, message):
    with pytest.raises(ValidationError) as exc:
        professional(profession=Profession.PEDIATRE, rpps=value).clean()
    assert message in exc.value.message_dict["rpps"][0]


def test_a_valid_rpps_is_accepted_and_normalised():
    user = professional(profession=Profession.PEDIATRE, rpps="100 000 000 09")
    user.clean()
    assert user.rpps == VALID_RPPS


def test_admin_manages_organisations_and_memberships(login, admin_user, sagefemme):
    client = login(admin_user)
    response = client.post(
        "/django-admin/accounts/organisation/add/",
        {
            "name": "PMI de Castanet",
            "kind": OrganisationKind.PMI,
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": sagefemme.pk,
            "memberships-0-role": "membre",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    org = Organisation.objects.get(name="PMI de Castanet")
    assert Membership.objects.filter(organisation=org, user=sagefemme).exists()


def test_non_staff_cannot_reach_the_admin(login, coordinator):
    response = login(coordinator).get("/django-admin/accounts/organisation/")
    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]
