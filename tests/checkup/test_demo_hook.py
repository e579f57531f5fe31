"""The demo hook gives the demo parent a check-up and a two-goal plan, once."""

import random

import pytest
from django.utils import timezone

from millejours.checkup import demo
from millejours.checkup.models import Checkup, Goal
from millejours.core.demo import DemoContext

pytestmark = pytest.mark.django_db


def test_the_demo_parent_gets_one_checkup_and_a_plan_even_when_loaded_twice(family, parent):
    ctx = DemoContext(
        today=timezone.localdate(), rng=random.Random(1), territory=None, users={"parent": parent}
    )
    demo.load(ctx)
    demo.load(ctx)
    assert Checkup.objects.filter(family=family).count() == 1
    assert Goal.objects.filter(plan__family=family).count() == 2
