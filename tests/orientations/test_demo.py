"""The demo hooks of the directory and orientations: synthetic, idempotent, a partner account."""

import random
from datetime import date

from millejours.accounts.models import User
from millejours.core.demo import DEMO_PASSWORD, DemoContext
from millejours.directory import demo as directory_demo
from millejours.directory.models import Service
from millejours.orientations import demo as orientations_demo
from millejours.orientations.models import Orientation
from millejours.territory.models import Territory
from tests import factories


def _context(sagefemme, families):
    territory = Territory.objects.create(name="CPTS de test", slug="cpts-test")
    territory.communes.add(
        factories.commune(),
        factories.commune("31169", "Escalquens", 43.5190, 1.5590, postcodes=["31750"]),
        factories.commune("31254", "Labège", 43.5300, 1.5330, postcodes=["31670"]),
    )
    return DemoContext(
        today=date(2026, 11, 23),
        rng=random.Random(7),
        territory=territory,
        users={"sagefemme": sagefemme},
        families=families,
    )


def test_demo_load_is_idempotent_and_creates_a_partner(sagefemme, family):
    ctx = _context(sagefemme, [family])
    directory_demo.load(ctx)
    orientations_demo.load(ctx)
    services, orientations = Service.objects.count(), Orientation.objects.count()
    assert 20 <= services <= 70
    assert orientations >= 1
    directory_demo.load(ctx)
    orientations_demo.load(ctx)
    assert (Service.objects.count(), Orientation.objects.count()) == (services, orientations)
    partner = User.objects.get(email="partenaire@demo.millejours.fr")
    assert partner.is_partner and partner.check_password(DEMO_PASSWORD)
    organisation = partner.memberships.get().organisation
    assert Service.objects.filter(structure__organisation=organisation).exists()
