"""The demo (``millejours demo load``) follows the calendar rules of issue 10: no
pregnancy step stays open after a birth, the steps done before it keep their history."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import override_settings

from millejours.pathway.models import OPEN_STATES, Milestone, MilestoneState, Subject

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], DEMO_MODE=True
    )
    with fast, django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", "load", "--families", "30", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_once, db):
    return demo_once


def test_no_pregnancy_step_is_open_after_a_demo_birth(demo):
    born = Milestone.objects.filter(subject=Subject.PREGNANCY, pregnancy__children__isnull=False)
    assert born.exists()
    assert not born.filter(state__in=OPEN_STATES).exists()


def test_pregnancy_steps_of_born_children_were_mostly_done_before_the_birth(demo):
    done = Milestone.objects.filter(
        subject=Subject.PREGNANCY, pregnancy__children__isnull=False, state=MilestoneState.DONE
    ).distinct()
    assert done.exists()
    assert not done.filter(done_on__gte=F("pregnancy__ended_on")).exists()


def test_some_demo_pregnancies_have_a_gestational_diabetes_screening(demo):
    assert Milestone.objects.filter(code="depistage_diabete_gestationnel").exists()
