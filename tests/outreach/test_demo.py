"""The demo hook gives the seed 002 indicators numbers, and running it twice changes nothing."""

import random
from datetime import date, timedelta

import pytest

from millejours.core.demo import DemoContext
from millejours.outreach import demo
from millejours.outreach.models import OutboundMessage, OutreachContact, Recontact, Sequence
from tests import factories

pytestmark = pytest.mark.django_db


def counts():
    return (
        Sequence.objects.count(),
        OutreachContact.objects.count(),
        OutboundMessage.objects.count(),
        Recontact.objects.count(),
    )


def test_demo_load_is_idempotent_and_feeds_the_indicators(coordinator):
    families = [factories.family(lmp=date.today() - timedelta(days=100 + i)) for i in range(30)]
    ctx = DemoContext(
        today=date.today(),
        rng=random.Random(1),
        territory=None,
        users={"coordination": coordinator},
        families=families,
    )
    demo.load(ctx)
    first = counts()
    assert first[0] == 1 and first[1] == 30 and first[2] > 10 and first[3] > 5
    assert Recontact.objects.filter(after_message=True, message__isnull=False).exists()
    demo.load(ctx)
    assert counts() == first
