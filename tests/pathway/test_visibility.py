"""A family record is visible to its care team and its own parents, to nobody else."""

import pytest

from millejours.audit.models import AccessLog
from millejours.pathway.selectors import get_family_for_user, visible_families

pytestmark = pytest.mark.django_db


def test_care_team_member_sees_the_family(family, sagefemme):
    assert list(visible_families(sagefemme)) == [family]


def test_professional_outside_the_care_team_sees_nothing(family, outsider):
    assert not visible_families(outsider).exists()


def test_parent_sees_only_their_own_family(family, parent):
    other = __import__("tests.factories", fromlist=["family"]).family()
    assert list(visible_families(parent)) == [family]
    assert other not in visible_families(parent)


@pytest.mark.parametrize("persona", ["coordinator", "partner", "admin_user"])
def test_roles_without_care_relationship_see_no_family(family, persona, request):
    assert not visible_families(request.getfixturevalue(persona)).exists()


def test_every_read_is_written_to_the_access_log(family, sagefemme):
    get_family_for_user(sagefemme, family.pk, page="pathway:family_detail", path="/familles/1/")
    entry = AccessLog.objects.get()
    assert (entry.user, entry.family_id_ref, entry.page) == (
        sagefemme,
        family.pk,
        "pathway:family_detail",
    )


def test_refused_read_raises_404_and_logs_nothing(family, outsider):
    from django.http import Http404

    with pytest.raises(Http404):
        get_family_for_user(outsider, family.pk, page="pathway:family_detail")
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "parent", "coordinator", "partner", "admin_user"])
def test_only_a_professional_who_may_open_the_record_passes_the_write_door(
    family, sagefemme, persona, request
):
    from django.core.exceptions import PermissionDenied

    from millejours.pathway.selectors import require_professional_access

    require_professional_access(sagefemme, family.pk)
    with pytest.raises(PermissionDenied):
        require_professional_access(request.getfixturevalue(persona), family.pk)
    assert not AccessLog.objects.exists()  # a check, not a read of the record
