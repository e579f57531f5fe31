"""The follow-up demo hook gives the referent's families contacts and goals, once."""

import random
from datetime import date

import pytest

from millejours.core.demo import DemoContext
from millejours.followup import demo
from millejours.followup.models import CareGoal, Contact

pytestmark = pytest.mark.django_db


def test_the_hook_fills_the_referent_families_and_is_idempotent(referente, followed, family):
    ctx = DemoContext(
        today=date(2026, 3, 1),
        rng=random.Random(3),
        territory=None,
        users={"referente": referente},
        families=[followed, family],
    )
    demo.load(ctx)
    assert Contact.objects.filter(family=followed).count() >= 1
    assert CareGoal.objects.filter(family=followed).count() >= 1
    assert not Contact.objects.filter(family=family).exists()
    counts = (Contact.objects.count(), CareGoal.objects.count())
    demo.load(ctx)
    assert (Contact.objects.count(), CareGoal.objects.count()) == counts
