"""Who records a family's consents is decided by ``privacy.consents.consent_set`` itself: an
active care-team member (never a reader under break-the-glass) or the parent for her own
family. A caller that skips the pages (another view, a command) meets the same rule."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from millejours.accounts.models import Role
from millejours.audit.models import AuditEvent, Consent
from millejours.audit.selectors import has_consent
from millejours.pathway.models import CareTeamMember
from millejours.privacy.consents import can_change_consents, consent_set
from tests import factories
from tests.pathway import careteam_personas

pytestmark = pytest.mark.django_db
glass_reader = careteam_personas.glass_reader


def test_no_one_outside_the_team_or_the_family_changes_its_consents(
    family, outsider, glass_reader, coordinator, admin_user, db
):
    other_parent = factories.user(Role.PARENT, email="autre.parent@test.millejours.fr")
    factories.family(parent_user=other_parent)
    for user in (outsider, glass_reader, coordinator, admin_user, other_parent, None):
        assert not can_change_consents(user, family)
        with pytest.raises(PermissionDenied):
            consent_set(user=user, family=family, scope="partage_equipe", given=False)
        with pytest.raises(PermissionDenied):
            consent_set(user=user, family=family, scope="contact_sms", given=True)
    assert has_consent(family, "partage_equipe")
    assert not Consent.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="consent.").exists()


def test_a_team_member_and_the_parent_change_the_family_s_consents(family, sagefemme, parent):
    consent_set(user=sagefemme, family=family, scope="contact_email", given=False)
    assert not has_consent(family, "contact_email")
    consent_set(user=parent, family=family, scope="contact_email", given=True, given_by="Camille")
    assert has_consent(family, "contact_email")
    assert Consent.objects.filter(scope="contact_email", withdrawn_by=sagefemme).exists()
    assert Consent.objects.filter(scope="contact_email", recorded_by=parent).exists()
    assert AuditEvent.objects.filter(action__startswith="consent.").count() == 2


def test_a_removed_team_member_no_longer_changes_them(family, sagefemme):
    CareTeamMember.objects.filter(family=family, user=sagefemme).update(removed_at=timezone.now())
    with pytest.raises(PermissionDenied):
        consent_set(user=sagefemme, family=family, scope="contact_sms", given=False)
    assert has_consent(family, "contact_sms")
