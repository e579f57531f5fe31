"""Consents: recorded with date and scope, withdrawn at once, history kept."""

import pytest

from millejours.audit import services
from millejours.audit.models import Consent
from millejours.audit.selectors import consents_for, families_with_consent, has_consent
from millejours.pathway.models import CareTeamMember, CareTeamRole
from millejours.pathway.selectors import visible_families
from tests import factories

pytestmark = pytest.mark.django_db


def test_defaults_apply_when_nothing_was_recorded(family):
    assert has_consent(family, "contact_sms")
    assert has_consent(family, "partage_equipe")


def test_unknown_scope_is_refused(family):
    with pytest.raises(ValueError):
        has_consent(family, "vendre_les_donnees")


def test_withdrawing_sms_contact_takes_effect_at_once(family, parent):
    services.consent_withdraw(family=family, scope="contact_sms", withdrawn_by=parent)
    assert not has_consent(family, "contact_sms")
    assert has_consent(family, "contact_email")


def test_giving_again_keeps_the_history(family, parent, sagefemme):
    services.consent_give(
        family=family, scope="contact_email", recorded_by=sagefemme, given_by="Camille Exemple"
    )
    services.consent_withdraw(family=family, scope="contact_email", withdrawn_by=parent)
    services.consent_give(family=family, scope="contact_email", recorded_by=parent)
    rows = list(Consent.objects.filter(family=family, scope="contact_email").order_by("id"))
    assert len(rows) == 2
    assert rows[0].withdrawn_at is not None and rows[0].withdrawn_by == parent
    assert rows[1].withdrawn_at is None
    assert has_consent(family, "contact_email")


def test_bulk_answer_matches_the_single_one(family, parent):
    other = factories.family()
    services.consent_withdraw(family=other, scope="donnees_pseudonymisees", withdrawn_by=parent)
    states = consents_for([family, other])
    assert states[family.pk]["donnees_pseudonymisees"] is True
    assert states[other.pk]["donnees_pseudonymisees"] is False
    assert list(families_with_consent(type(family).objects.all(), "donnees_pseudonymisees")) == [
        family
    ]


def test_withdrawing_team_sharing_hides_the_record_from_the_team_but_not_the_referent(
    family, sagefemme, parent
):
    referent = factories.user(email="referente@test.millejours.fr")
    CareTeamMember.objects.create(family=family, user=referent, role=CareTeamRole.REFERENT)
    services.consent_withdraw(family=family, scope="partage_equipe", withdrawn_by=parent)
    assert not visible_families(sagefemme).exists()
    assert list(visible_families(referent)) == [family]
    assert list(visible_families(parent)) == [family]
    services.consent_give(family=family, scope="partage_equipe", recorded_by=parent)
    assert list(visible_families(sagefemme)) == [family]
