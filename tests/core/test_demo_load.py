"""``millejours demo load``: territory, organisations, accounts and synthetic families."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory, override_settings

from millejours.accounts.models import Membership, Organisation, Role, User
from millejours.core.demo import DEMO_PASSWORD
from millejours.pathway.models import CareTeamMember, Child, Family, Milestone, Parent, Pregnancy
from millejours.pathway.selectors import visible_families
from millejours.territory.models import Commune, Territory

pytestmark = pytest.mark.django_db

N = 24


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Commune,
            Territory,
            Organisation,
            User,
            Membership,
            Family,
            Parent,
            Pregnancy,
            Child,
            CareTeamMember,
            Milestone,
        )
    }


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """``demo load`` run once for the module, rolled back at the end (each test in a savepoint)."""
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], DEMO_MODE=True
    )
    with fast, django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("demo", "load", "--families", str(N), stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_once, db):
    return demo_once


def _user(key):
    return User.objects.get(email=f"{key}@demo.millejours.fr")


def test_demo_load_creates_the_territory_and_the_requested_number_of_families(demo):
    assert Territory.objects.get(slug="cpts-portes-du-lauragais").communes.count() == 36
    assert Family.objects.count() == N
    assert Family.objects.filter(commune__territories__slug="cpts-portes-du-lauragais").count() == N
    assert not Family.objects.filter(care_team__isnull=True).exists()


def test_a_second_run_creates_nothing(demo, capsys):
    before = _counts()
    call_command("demo", "load", "--families", str(N))
    assert _counts() == before
    assert f"0 créées, {N} déjà présentes" in capsys.readouterr().out


def test_the_demo_accounts_are_printed_in_french_with_the_password(demo):
    assert "Comptes de démonstration (mot de passe : demo-millejours)" in demo
    for key in ("sagefemme", "pmi", "coordination", "parent", "admin", "referente"):
        assert f"{key}@demo.millejours.fr" in demo
    assert "rôle : Professionnel de santé" in demo


@pytest.mark.parametrize(
    "key, role, profession",
    [
        ("sagefemme", Role.PROFESSIONAL, "sage_femme"),
        ("pmi", Role.PROFESSIONAL, "puericultrice"),
        ("coordination", Role.COORDINATOR, "coordinateur"),
        ("referente", Role.REFERENT, "sage_femme"),
        ("parent", Role.PARENT, ""),
        ("admin", Role.ADMIN, ""),
    ],
)
def test_each_demo_account_logs_in_with_the_demo_password(demo, key, role, profession):
    request = RequestFactory().post("/comptes/connexion/")
    user = authenticate(request, username=f"{key}@demo.millejours.fr", password=DEMO_PASSWORD)
    assert user is not None
    assert user.role == role and user.profession == profession


def test_the_admin_account_is_staff_and_superuser(demo):
    admin = _user("admin")
    assert admin.is_staff and admin.is_superuser


def test_accounts_belong_to_their_organisations(demo):
    assert Membership.objects.filter(user=_user("sagefemme"), organisation__kind="cabinet").exists()
    assert Membership.objects.filter(
        user=_user("pmi"), organisation__name="PMI de Haute-Garonne — circonscription Sicoval"
    ).exists()
    assert Membership.objects.filter(user=_user("coordination"), organisation__kind="cpts").exists()
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert {"cpts", "pmi", "cabinet", "maternite", "caf", "ccas", "association"} <= kinds
    assert Territory.objects.get().organisation.kind == "cpts"


def test_the_sage_femme_and_the_pmi_follow_different_sets_of_families(demo):
    sagefemme = set(visible_families(_user("sagefemme")).values_list("pk", flat=True))
    pmi = set(visible_families(_user("pmi")).values_list("pk", flat=True))
    assert sagefemme and pmi
    assert sagefemme != pmi
    assert sagefemme - pmi and pmi - sagefemme
    assert sagefemme | pmi == set(Family.objects.values_list("pk", flat=True))


def test_the_parent_sees_exactly_one_family_followed_by_the_sage_femme(demo):
    families = list(visible_families(_user("parent")))
    assert len(families) == 1
    assert visible_families(_user("sagefemme")).filter(pk=families[0].pk).exists()
    assert not visible_families(_user("pmi")).filter(pk=families[0].pk).exists()
    mother = Parent.objects.get(user=_user("parent"))
    assert (mother.first_name, mother.last_name) == (
        _user("parent").first_name,
        _user("parent").last_name,
    )


def test_the_referent_sees_only_the_families_she_is_referent_of(demo):
    referente = _user("referente")
    visible = set(visible_families(referente).values_list("pk", flat=True))
    assert visible
    assert visible == set(Family.objects.filter(referent=referente).values_list("pk", flat=True))


def test_coordination_and_admin_open_no_family_record(demo):
    assert not visible_families(_user("coordination")).exists()
    assert not visible_families(_user("admin")).exists()


def test_rerunning_after_a_password_change_restores_the_demo_password(demo):
    user = _user("pmi")
    user.set_password("autre-chose-123")
    user.save()
    call_command("demo", "load", "--families", str(N))
    assert _user("pmi").check_password(DEMO_PASSWORD)


def test_past_milestones_are_mostly_done_by_a_care_team_member_and_some_left_late(demo):
    from millejours.pathway.models import MilestoneState

    done = Milestone.objects.filter(state=MilestoneState.DONE).select_related("done_by")
    assert done.exists()
    assert Milestone.objects.filter(state=MilestoneState.LATE).exists()
    for m in done:
        assert m.done_on is not None and m.window_start <= m.done_on
        assert CareTeamMember.objects.filter(family_id=m.family_id, user=m.done_by).exists()
        assert m.done_by_label.startswith(m.done_by.display_name)
