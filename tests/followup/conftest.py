from datetime import timedelta

import pytest
from django.utils import timezone

from millejours.accounts.models import Profession, Role
from millejours.pathway.models import (
    CareTeamMember,
    CareTeamRole,
    Child,
    Pregnancy,
    PregnancyOutcome,
)
from tests import factories


@pytest.fixture
def referente(db):
    return factories.user(
        Role.REFERENT,
        email="referente@test.millejours.fr",
        profession=Profession.SAGE_FEMME,
        first_name="Rose",
        last_name="Référente",
    )


def make_family(*, referent=None, team=(), born_days_ago=None, name="Foyer Suivi"):
    today = timezone.localdate()
    if born_days_ago is None:
        fam = factories.family(care_team=team, display_name=name)
    else:
        birth = today - timedelta(days=born_days_ago)
        fam = factories.family(
            care_team=team,
            display_name=name,
            lmp=birth - timedelta(days=280),
            outcome=PregnancyOutcome.BIRTH,
            ended_on=birth,
        )
        Child.objects.create(
            family=fam,
            pregnancy=Pregnancy.objects.get(family=fam),
            birth_date=birth,
            gestational_age_weeks=40,
        )
    if referent is not None:
        fam.referent = referent
        fam.save(update_fields=["referent"])
        CareTeamMember.objects.create(family=fam, user=referent, role=CareTeamRole.REFERENT)
    return fam


@pytest.fixture
def followed(referente, sagefemme):
    """A pregnant family whose referent is ``referente``; ``sagefemme`` is in its care team."""
    return make_family(referent=referente, team=[sagefemme], name="Foyer Suivi")
