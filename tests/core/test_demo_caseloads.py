"""A large demo territory is followed by many professionals, not two: the named demo
accounts follow the first block of families (a real, heavy caseload) and generated
colleagues, who log in with the demo password, follow the next blocks."""

import importlib
from collections import Counter
from datetime import date

import pytest
from django.test import override_settings

from millejours.core import demo
from millejours.core.demo.context import DEMO_PASSWORD
from millejours.core.demo.family_specs import caseload_key
from millejours.pathway.models import CareTeamMember, CareTeamRole, Milestone, MilestoneState

pytestmark = pytest.mark.django_db(transaction=False)

specs_module = importlib.import_module("millejours.core.demo.family_specs")

FAST = override_settings(
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], DEMO_MODE=True
)


def test_the_named_accounts_follow_the_first_block_and_colleagues_the_next_ones():
    assert caseload_key("sagefemme", 0) == "sagefemme"
    assert caseload_key("sagefemme", specs_module.CASELOAD_BLOCK - 1) == "sagefemme"
    assert caseload_key("pmi", specs_module.CASELOAD_BLOCK) == "pmi1"
    assert caseload_key("pmi", 3 * specs_module.CASELOAD_BLOCK + 5) == "pmi3"


def test_a_territory_larger_than_a_block_gets_colleagues(monkeypatch):
    monkeypatch.setattr(specs_module, "CASELOAD_BLOCK", 10)
    with FAST:
        ctx = demo.load_demo(families=25, today=date(2026, 6, 15), hooks=False)
    members = CareTeamMember.objects.filter(role=CareTeamRole.MEMBER, removed_at__isnull=True)
    caseload = Counter(members.values_list("user__email", flat=True))
    followers = {email.split("@")[0] for email in caseload}
    assert followers <= {"sagefemme", "pmi", "sagefemme1", "pmi1", "sagefemme2", "pmi2"}
    assert {"sagefemme1", "sagefemme2"} & followers and {"pmi1", "pmi2"} & followers
    assert caseload["sagefemme@demo.millejours.fr"] + caseload["pmi@demo.millejours.fr"] <= 20
    assert any("collègues générés" in line for line in ctx.log)
    colleague = ctx.users["sagefemme1"]
    assert colleague.role == ctx.users["sagefemme"].role
    assert colleague.profession == "sage_femme"
    with FAST:
        assert colleague.check_password(DEMO_PASSWORD)
    # The past steps are marked done by a professional of the family's own team.
    done = Milestone.objects.filter(state=MilestoneState.DONE, done_by__isnull=False)
    assert done.exists()
    team = CareTeamMember.objects.filter(removed_at__isnull=True)
    for family_id, user_id in done.values_list("family_id", "done_by_id").distinct():
        assert team.filter(family_id=family_id, user_id=user_id).exists()
