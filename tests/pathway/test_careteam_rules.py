"""The care-team rule (``pathway.careteam``), persona by persona.

Who may change a family's care team:

| persona                               | add a colleague | name a referent | remove another | leave |
|---------------------------------------|-----------------|-----------------|----------------|-------|
| sage-femme, plain member of the team  | yes             | no              | no             | yes   |
| the referent                          | yes             | yes             | yes            | yes   |
| sage-femme outside the team           | no              | no              | no             | —     |
| reader under break the glass (before  | no              | no              | no             | —     |
| and after the grant expires)          |                 |                 |                |       |
| coordinator, admin (DPO), parent      | no              | no              | no             | —     |

The family always keeps one professional; every change is an audit event; a refusal
changes nothing.
"""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from millejours.audit.models import AuditEvent
from millejours.pathway import careteam
from millejours.pathway.models import CareTeamMember, CareTeamRole, Family
from millejours.pathway.selectors import visible_families
from tests import factories
from tests.pathway import careteam_personas
from tests.pathway.careteam_personas import active_role

pytestmark = pytest.mark.django_db
referent, colleague, glass_reader = (
    careteam_personas.referent,
    careteam_personas.colleague,
    careteam_personas.glass_reader,
)

NOBODY = ["outsider", "glass_reader", "coordinator", "admin_user", "parent", "partner"]


@pytest.fixture
def newcomer(db):
    return factories.user(
        email="nouvelle.sf@test.millejours.fr", first_name="Nina", last_name="Nouvelle"
    )


def _events(family) -> list[str]:
    """The care-team events of ``family``."""
    events = AuditEvent.objects.filter(family_id_ref=family.pk, action__startswith="careteam.")
    return list(events.order_by("id").values_list("action", flat=True))


def _member(family, user) -> CareTeamMember:
    return careteam.active_members(family).get(user=user)


# --- The sage-femme, plain member of the team ------------------------------------------------------------


def test_a_plain_member_adds_a_colleague_as_a_plain_member(sagefemme, newcomer, family):
    careteam.add_member(actor=sagefemme, family=family, user=newcomer)
    assert active_role(family, newcomer) == CareTeamRole.MEMBER
    assert list(visible_families(newcomer)) == [family]
    event = AuditEvent.objects.get(action="careteam.added")
    assert event.details == {"user": newcomer.pk, "role": CareTeamRole.MEMBER}


def test_a_plain_member_names_no_referent_not_even_herself(sagefemme, newcomer, family):
    for target in (sagefemme, newcomer):
        with pytest.raises(PermissionDenied, match="Seul le référent parcours"):
            careteam.name_referent(actor=sagefemme, family=family, user=target)
    assert (
        active_role(family, sagefemme) == CareTeamRole.MEMBER
        and active_role(family, newcomer) is None
    )
    assert _events(family) == []


def test_a_plain_member_removes_nobody_else_not_even_a_plain_member(
    sagefemme, referent, colleague, family
):
    for target in (referent, colleague):
        with pytest.raises(PermissionDenied, match="Seul le référent parcours"):
            careteam.remove_member(actor=sagefemme, family=family, member=_member(family, target))
    assert (
        active_role(family, referent) == CareTeamRole.REFERENT
        and active_role(family, colleague) == "membre"
    )
    assert _events(family) == []


def test_adding_an_existing_member_again_changes_nothing(sagefemme, referent, family):
    with pytest.raises(ValidationError, match="fait déjà partie"):
        careteam.add_member(actor=sagefemme, family=family, user=referent)
    assert active_role(family, referent) == CareTeamRole.REFERENT


def test_a_plain_member_leaves_and_loses_access(sagefemme, colleague, family):
    careteam.leave(actor=sagefemme, family=family)
    assert active_role(family, sagefemme) is None
    assert not visible_families(sagefemme).exists()
    assert _events(family) == ["careteam.left"]
    assert CareTeamMember.objects.filter(
        family=family, user=sagefemme, removed_at__isnull=False
    ).exists()


def test_removing_oneself_is_leaving(sagefemme, colleague, family):
    careteam.remove_member(actor=sagefemme, family=family, member=_member(family, sagefemme))
    assert _events(family) == ["careteam.left"]


def test_the_last_member_cannot_leave(sagefemme, family):
    with pytest.raises(ValidationError, match="au moins un professionnel"):
        careteam.leave(actor=sagefemme, family=family)
    assert active_role(family, sagefemme) == CareTeamRole.MEMBER


def test_only_professionals_join_a_care_team(sagefemme, parent, partner, coordinator, family):
    for target in (parent, partner, coordinator):
        with pytest.raises(ValidationError, match="professionnel"):
            careteam.add_member(actor=sagefemme, family=family, user=target)
    assert careteam.active_members(family).count() == 1


def test_a_deactivated_account_cannot_join(sagefemme, newcomer, family):
    newcomer.is_active = False
    newcomer.save()
    with pytest.raises(ValidationError):
        careteam.add_member(actor=sagefemme, family=family, user=newcomer)


# --- The referent ------------------------------------------------------------------------------------


def test_the_referent_names_a_new_referent(referent, newcomer, family):
    careteam.name_referent(actor=referent, family=family, user=newcomer)
    assert active_role(family, newcomer) == CareTeamRole.REFERENT
    assert AuditEvent.objects.get(action="careteam.referent_named").details == {
        "user": newcomer.pk,
        "promoted": False,
    }


def test_the_referent_promotes_a_plain_member(referent, sagefemme, family):
    careteam.name_referent(actor=referent, family=family, user=sagefemme)
    assert active_role(family, sagefemme) == CareTeamRole.REFERENT
    assert AuditEvent.objects.get(action="careteam.referent_named").details["promoted"] is True


def test_a_named_referent_becomes_the_family_referent_when_there_is_none(
    referent, newcomer, family
):
    careteam.name_referent(actor=referent, family=family, user=newcomer)
    assert Family.objects.get(pk=family.pk).referent == newcomer


def test_the_referent_removes_any_member(referent, sagefemme, newcomer, family):
    careteam.name_referent(actor=referent, family=family, user=newcomer)
    for target in (sagefemme, newcomer):
        careteam.remove_member(actor=referent, family=family, member=_member(family, target))
    assert list(careteam.active_members(family).values_list("user", flat=True)) == [referent.pk]
    assert _events(family).count("careteam.removed") == 2
    assert not visible_families(sagefemme).exists()


def test_a_removed_family_referent_is_no_longer_the_family_referent(
    referent, sagefemme, newcomer, family
):
    careteam.name_referent(
        actor=referent, family=family, user=newcomer
    )  # newcomer is Family.referent
    careteam.remove_member(actor=referent, family=family, member=_member(family, newcomer))
    assert Family.objects.get(pk=family.pk).referent is None
    assert AuditEvent.objects.get(action="careteam.removed").details["was_family_referent"] is True


def test_the_family_referent_field_gives_referent_rights_to_an_active_member(
    sagefemme, colleague, family
):
    Family.objects.filter(pk=family.pk).update(referent=sagefemme)
    family.refresh_from_db()
    careteam.remove_member(actor=sagefemme, family=family, member=_member(family, colleague))
    assert active_role(family, colleague) is None


# --- Outside the team: the outsider, break the glass, other roles -----------------------------------------


@pytest.mark.parametrize("persona", NOBODY)
def test_nobody_outside_the_team_changes_it(persona, request, referent, colleague, family):
    actor = request.getfixturevalue(persona)
    assert careteam.rights(actor, family) == careteam.NO_RIGHTS
    with pytest.raises(PermissionDenied):
        careteam.add_member(actor=actor, family=family, user=factories.user())
    with pytest.raises(PermissionDenied):
        careteam.name_referent(actor=actor, family=family, user=referent)
    with pytest.raises(PermissionDenied):
        careteam.remove_member(actor=actor, family=family, member=_member(family, colleague))
    with pytest.raises(PermissionDenied):
        careteam.leave(actor=actor, family=family)
    assert careteam.active_members(family).count() == 3
    assert _events(family) == []


def test_break_the_glass_reads_but_never_joins_so_access_ends_with_the_grant(
    glass_reader, family, settings
):
    assert list(visible_families(glass_reader)) == [family]
    for change in (careteam.add_member, careteam.name_referent):
        with pytest.raises(PermissionDenied):
            change(actor=glass_reader, family=family, user=glass_reader)
    after = timezone.now() + dt.timedelta(hours=settings.MILLEJOURS_BREAK_GLASS_HOURS, minutes=1)
    with time_machine.travel(after):
        assert not visible_families(glass_reader).exists()
        with pytest.raises(PermissionDenied):
            careteam.add_member(actor=glass_reader, family=family, user=glass_reader)
    assert active_role(family, glass_reader) is None


def test_the_family_referent_field_gives_no_rights_outside_the_team(
    glass_reader, colleague, family
):
    """A ``Family.referent`` who left the team, reading under break the glass, removes nobody."""
    Family.objects.filter(pk=family.pk).update(referent=glass_reader)
    family.refresh_from_db()
    assert careteam.rights(glass_reader, family) == careteam.NO_RIGHTS
    with pytest.raises(PermissionDenied):
        careteam.remove_member(actor=glass_reader, family=family, member=_member(family, colleague))
    assert active_role(family, colleague) == CareTeamRole.MEMBER


def test_a_member_who_left_has_no_rights_any_more(sagefemme, referent, colleague, family):
    careteam.leave(actor=referent, family=family)
    assert careteam.rights(referent, family) == careteam.NO_RIGHTS
    with pytest.raises(PermissionDenied):
        careteam.remove_member(actor=referent, family=family, member=_member(family, colleague))


def test_a_member_of_another_family_is_not_removed_through_this_one(referent, family):
    other = factories.family(care_team=[factories.user(), factories.user()])
    with pytest.raises(ValidationError):
        careteam.remove_member(actor=referent, family=family, member=other.care_team.first())
    assert careteam.active_members(other).count() == 2
