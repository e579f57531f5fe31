"""The record services decide themselves who may change a family's pregnancies, invite a
parent or manage the calendar link.

- pregnancies and births: a professional who may open the family (care team, or break the
  glass), or the platform itself (``user=None``); the post-partum risk also from the
  family's own parent (her EPDS, ``screening.services.epds_submit``);
- a parent invitation: a professional who may open the family (or the platform);
- the iCal link: the family's own parent only.

A refusal writes nothing and no audit event.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from millejours.accounts.models import Role
from millejours.audit.models import AuditEvent
from millejours.pathway import services
from millejours.pathway.models import CalendarFeed, Child, Parent, ParentInvitation, Pregnancy
from tests import factories
from tests.pathway import careteam_personas

pytestmark = pytest.mark.django_db
glass_reader = careteam_personas.glass_reader
TODAY = timezone.localdate


@pytest.fixture
def other_parent(db):
    """The parent of another family (an account linked to that family only)."""
    user = factories.user(Role.PARENT, email="autre.parent@test.millejours.fr")
    factories.family(display_name="Foyer Autre", parent_user=user)
    return user


@pytest.fixture
def second_parent(family) -> Parent:
    """A parent of ``family`` without an account yet (the one to invite)."""
    return Parent.objects.create(family=family, first_name="Alex", last_name="Exemple")


def _no_event(prefix: str) -> None:
    assert not AuditEvent.objects.filter(action__startswith=prefix).exists()


def _record(family, user) -> Pregnancy:
    return services.pregnancy_record(family=family, user=user, lmp=TODAY() - timedelta(weeks=4))


def _birth(pregnancy, user) -> list[Child]:
    return services.birth_record(
        pregnancy=pregnancy, user=user, birth_date=TODAY(), gestational_age_weeks=39
    )


# --- pregnancies and births ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["outsider", "coordinator", "parent"])
def test_recording_a_pregnancy_is_refused_outside_the_care_team(family, persona, request):
    with pytest.raises(PermissionDenied):
        _record(family, request.getfixturevalue(persona))
    assert family.pregnancies.count() == 1
    _no_event("pregnancy.")


def test_updating_a_pregnancy_is_refused_to_a_professional_outside_the_care_team(family, outsider):
    pregnancy = family.pregnancies.get()
    lmp = pregnancy.lmp
    with pytest.raises(PermissionDenied):
        services.pregnancy_update(pregnancy=pregnancy, user=outsider, lmp=lmp - timedelta(days=7))
    assert Pregnancy.objects.get(pk=pregnancy.pk).lmp == lmp
    _no_event("pregnancy.")


def test_recording_a_birth_is_refused_to_a_professional_outside_the_care_team(family, outsider):
    pregnancy = family.pregnancies.get()
    with pytest.raises(PermissionDenied):
        _birth(pregnancy, outsider)
    with pytest.raises(PermissionDenied):
        services.child_record(
            pregnancy=pregnancy, user=outsider, birth_date=TODAY(), gestational_age_weeks=39
        )
    assert not Child.objects.exists()
    assert Pregnancy.objects.get(pk=pregnancy.pk).ended_on is None
    _no_event("birth.")


@pytest.mark.parametrize("persona", ["outsider", "other_parent"])
def test_flagging_the_postpartum_risk_is_refused_outside_the_family(family, persona, request):
    pregnancy = family.pregnancies.get()
    with pytest.raises(PermissionDenied):
        services.pregnancy_flag_postpartum_risk(
            pregnancy=pregnancy, user=request.getfixturevalue(persona), reason="EPDS à 14"
        )
    assert not Pregnancy.objects.get(pk=pregnancy.pk).epnp_2_risk
    _no_event("pregnancy.")


@pytest.mark.parametrize("persona", ["sagefemme", "glass_reader"])
def test_the_care_team_and_a_break_glass_reader_record_pregnancies_and_births(
    family, persona, request
):
    user = request.getfixturevalue(persona)
    pregnancy = family.pregnancies.get()
    services.pregnancy_update(pregnancy=pregnancy, user=user, first_child=False)
    services.pregnancy_flag_postpartum_risk(pregnancy=pregnancy, user=user, reason="EPDS à 14")
    _birth(pregnancy, user)
    _record(family, user)
    events = AuditEvent.objects.filter(actor=user).values_list("action", flat=True)
    assert {
        "pregnancy.updated",
        "pregnancy.postpartum_risk",
        "birth.recorded",
        "pregnancy.recorded",
    } <= set(events)


def test_the_familys_own_parent_flags_the_postpartum_risk(family, parent):
    """Her EPDS at the « vigilance » level does it (``screening.services.epds_submit``)."""
    pregnancy = family.pregnancies.get()
    services.pregnancy_flag_postpartum_risk(pregnancy=pregnancy, user=parent, reason="EPDS à 12")
    assert Pregnancy.objects.get(pk=pregnancy.pk).epnp_2_risk


def test_the_platform_itself_records_pregnancies_and_births(family):
    pregnancy = family.pregnancies.get()
    services.pregnancy_update(pregnancy=pregnancy, user=None, first_child=False)
    services.pregnancy_flag_postpartum_risk(pregnancy=pregnancy, user=None, reason="Import")
    _birth(pregnancy, None)
    _record(family, None)
    assert family.pregnancies.count() == 2 and Child.objects.count() == 1


@pytest.mark.parametrize("creator", ["sagefemme", "coordinator", None])
def test_a_new_family_gets_its_first_pregnancy_whoever_creates_it(commune, creator, request):
    """``family_create`` records the first pregnancy of the family it has just created."""
    user = request.getfixturevalue(creator) if creator else None
    family = services.family_create(
        created_by=user,
        display_name="Foyer Nouveau",
        commune=commune,
        parents=[{"first_name": "Nina", "last_name": "Nouveau"}],
        pregnancy={"lmp": TODAY() - timedelta(weeks=8)},
    )
    assert family.pregnancies.count() == 1


# --- parent invitation --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["outsider", "coordinator", "parent"])
def test_inviting_a_parent_is_refused_outside_the_care_team(
    family, second_parent, persona, request, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        services.parent_invite(
            family=family,
            parent=second_parent,
            email="x@exemple.test",
            invited_by=request.getfixturevalue(persona),
        )
    assert not ParentInvitation.objects.exists() and not mail.outbox
    _no_event("parent.")


def test_a_break_glass_reader_invites_a_parent(family, second_parent, glass_reader):
    services.parent_invite(
        family=family, parent=second_parent, email="x@exemple.test", invited_by=glass_reader
    )
    assert ParentInvitation.objects.get().created_by == glass_reader


# --- the iCal link ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["outsider", "sagefemme", "other_parent"])
def test_the_calendar_link_is_the_familys_own_parents_only(family, parent, persona, request):
    feed = services.calendar_feed_create(family=family, user=parent)
    AuditEvent.objects.all().delete()
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.calendar_feed_create(family=family, user=user)
    with pytest.raises(PermissionDenied):
        services.calendar_feed_revoke(family=family, user=user)
    assert list(CalendarFeed.objects.all()) == [feed]
    assert CalendarFeed.objects.get().revoked_at is None
    _no_event("calendar_feed.")


def test_the_familys_own_parent_creates_and_revokes_the_calendar_link(family, parent):
    services.calendar_feed_create(family=family, user=parent)
    assert services.calendar_feed_revoke(family=family, user=parent) == 1
    assert not CalendarFeed.objects.filter(revoked_at__isnull=True).exists()
