"""The screening demo hook creates an alert for the sage-femme and is idempotent."""

import random
from datetime import date

import pytest

from millejours.core.demo import DemoContext
from millejours.screening import demo
from millejours.screening.models import AlertTask, Response
from tests import factories

pytestmark = pytest.mark.django_db


def test_demo_load_twice_creates_things_once(sagefemme, parent, family):
    other = factories.family(care_team=[sagefemme])
    ctx = DemoContext(
        today=date.today(),
        rng=random.Random(1),
        territory=None,
        users={"sagefemme": sagefemme, "parent": parent},
        families=[family, other],
    )
    demo.load(ctx)
    count = Response.objects.count()
    assert AlertTask.objects.filter(assignees=sagefemme, status="ouverte").exists()
    demo.load(ctx)
    assert Response.objects.count() == count
