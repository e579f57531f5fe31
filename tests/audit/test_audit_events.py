"""An audit event about a family's record is filed under that family, never another one."""

import pytest

from millejours.audit.models import AccessLog
from millejours.audit.services import record_event
from millejours.pathway.models import Pregnancy
from millejours.pathway.selectors import get_family_for_user
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_event_about_a_record_is_filed_under_the_record_s_family(family, sagefemme):
    pregnancy = Pregnancy.objects.get(family=family)
    event = record_event(actor=sagefemme, action="pregnancy.updated", obj=pregnancy)
    assert event.family_id_ref == family.pk
    assert event.object_type == "pathway.pregnancy" and event.object_id == str(pregnancy.pk)


def test_naming_the_same_family_again_is_accepted(family, sagefemme):
    pregnancy = Pregnancy.objects.get(family=family)
    event = record_event(actor=sagefemme, action="x.y", family=family, obj=pregnancy)
    assert event.family_id_ref == family.pk


def test_naming_another_family_than_the_record_s_is_refused(family, sagefemme):
    other = factories.family()
    pregnancy = Pregnancy.objects.get(family=family)
    with pytest.raises(ValueError, match="appartient à la famille"):
        record_event(actor=sagefemme, action="x.y", family=other, obj=pregnancy)


def test_an_event_about_no_family_has_none(coordinator):
    event = record_event(actor=coordinator, action="programme.partenaire")
    assert event.family_id_ref is None and event.actor_label == coordinator.display_name


@pytest.mark.parametrize(
    ("first", "last", "email"),
    [("A" * 150, "B" * 150, "long@test.millejours.fr"), ("", "", f"{'c' * 240}@t.fr")],
)
def test_every_record_of_a_person_keeps_a_long_name_to_its_column(
    family, sagefemme, first, last, email
):
    # Names hold 150 + 150 characters and an e-mail 254; the record columns hold 200.
    # PostgreSQL refused the longer label: every audited action of such a user failed.
    sagefemme.first_name, sagefemme.last_name, sagefemme.email = first, last, email
    sagefemme.save(update_fields=["first_name", "last_name", "email"])
    event = record_event(actor=sagefemme, action="x.y", family=family)
    get_family_for_user(sagefemme, family.pk, page="pathway:family_detail")
    read = AccessLog.objects.filter(user=sagefemme).latest("pk")
    assert len(event.actor_label) == len(read.actor_label) == 200
    event.refresh_from_db()
    assert len(event.actor_label) == 200
