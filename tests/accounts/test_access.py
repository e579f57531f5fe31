"""Role checks live in one place (``accounts.access``): who passes, and the French message."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from millejours.accounts import access
from millejours.accounts.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def funder(db):
    return factories.user(Role.FUNDER, email="financeur@test.millejours.fr")


def _message(check, user, *args):
    with pytest.raises(PermissionDenied) as refused:
        check(user, *args)
    return str(refused.value)


def test_coordination_passes_and_others_get_the_page_message(coordinator, admin_user, sagefemme):
    assert access.require_coordinator(coordinator) is coordinator
    assert access.require_coordinator(admin_user) is admin_user
    assert _message(access.require_coordinator, sagefemme) == "Réservé à la coordination."
    assert (
        _message(access.require_coordinator, sagefemme, access.CPTS_COORDINATION_ONLY)
        == "Réservé à la coordination de la CPTS."
    )
    assert _message(access.require_coordinator, sagefemme, None) == ""


def test_funders_read_aggregates_only(funder, coordinator, sagefemme):
    assert access.require_coordination_or_funder(funder) is funder
    assert access.require_coordination_or_funder(coordinator) is coordinator
    assert (
        _message(access.require_coordination_or_funder, sagefemme)
        == "Réservé à la coordination et aux financeurs."
    )
    with pytest.raises(PermissionDenied):
        access.require_coordinator(funder)


def test_parent_professional_partner_admin(parent, sagefemme, partner, admin_user, coordinator):
    assert access.require_parent(parent) is parent
    assert _message(access.require_parent, sagefemme) == "Réservé aux parents."
    assert access.require_professional(sagefemme) is sagefemme
    assert (
        _message(access.require_professional, parent)
        == "Cette page est réservée aux professionnels."
    )
    assert access.require_professional_or_coordinator(coordinator) is coordinator
    assert access.require_partner(partner) is partner
    with pytest.raises(PermissionDenied):
        access.require_partner(sagefemme)
    assert access.require_platform_admin(admin_user) is admin_user
    assert (
        _message(access.require_platform_admin, coordinator)
        == "Page réservée à l'administrateur / DPO."
    )
    assert access.require_staff(partner) is partner
    with pytest.raises(PermissionDenied):
        access.require_staff(parent)


def test_only_the_medical_referent_validates_rules(sagefemme):
    assert not access.is_medical_referent(AnonymousUser())
    assert (
        _message(access.require_medical_referent, sagefemme)
        == "Seul le référent médical peut valider une règle."
    )
    sagefemme.is_medical_referent = True
    assert access.require_medical_referent(sagefemme) is sagefemme


def test_the_view_decorator_asks_for_a_login_then_a_professional(sagefemme, parent):
    view = access.professional_required(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/familles/")
    request.user = AnonymousUser()
    assert view(request).status_code == 302
    request.user = parent
    with pytest.raises(PermissionDenied, match="réservée aux professionnels"):
        view(request)
    request.user = sagefemme
    assert view(request).content == b"ok"
