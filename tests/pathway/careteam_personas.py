"""Personas of the care-team specifications (imported as fixtures by the care-team tests).

Besides those of ``tests/conftest.py`` (``sagefemme`` = a plain member of the family's care
team, ``outsider``, ``coordinator``, ``partner``, ``admin_user``, ``parent``):

- ``referent``: the family's référent parcours, in its care team with the referent role;
- ``glass_reader``: a sage-femme outside the team reading the file under break the glass
  (a grant of ``MILLEJOURS_BREAK_GLASS_HOURS`` hours opened just now);
- ``colleague``: a puéricultrice of the PMI, a plain member of the team.
"""

from __future__ import annotations

import pytest

from millejours.accounts.models import Profession, Role
from millejours.audit import services as audit_services
from millejours.pathway.models import CareTeamMember, CareTeamRole
from tests import factories


@pytest.fixture
def referent(db, family):
    user = factories.user(
        Role.REFERENT,
        email="referente@test.millejours.fr",
        first_name="Rita",
        last_name="Référente",
    )
    CareTeamMember.objects.create(family=family, user=user, role=CareTeamRole.REFERENT)
    return user


@pytest.fixture
def colleague(db, family):
    user = factories.user(
        Role.PROFESSIONAL,
        email="puer.pmi@test.millejours.fr",
        profession=Profession.PUERICULTRICE,
        first_name="Paula",
        last_name="Puéricultrice",
    )
    CareTeamMember.objects.create(family=family, user=user, role=CareTeamRole.MEMBER)
    return user


@pytest.fixture
def glass_reader(db, family):
    user = factories.user(
        Role.PROFESSIONAL,
        email="sf.urgence@test.millejours.fr",
        profession=Profession.SAGE_FEMME,
        first_name="Ursula",
        last_name="Urgence",
    )
    audit_services.break_glass_open(
        user=user, family=family, reason="Urgence à la maternité, dossier nécessaire."
    )
    return user


def active_role(family, user) -> str | None:
    """The role of ``user`` in the family's active care team (None when not a member)."""
    member = CareTeamMember.objects.filter(
        family=family, user=user, removed_at__isnull=True
    ).first()
    return member.role if member else None
