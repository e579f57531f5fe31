import random
from datetime import date

import pytest

from millejours.core.demo import DemoContext
from millejours.programme import demo
from millejours.programme.models import Event, Fiche, Participation, Registration
from millejours.territory.models import Territory

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_seed_fiches_and_workshops_and_is_idempotent(
    commune, sagefemme, coordinator
):
    territory = Territory.objects.create(name="CPTS des Portes du Lauragais", slug="cpts-pdl")
    territory.communes.add(commune)
    ctx = DemoContext(
        today=date.today(),
        rng=random.Random(1),
        territory=territory,
        users={"sagefemme": sagefemme, "coordination": coordinator},
    )
    demo.load(ctx)
    counts = (
        Fiche.objects.count(),
        Event.objects.count(),
        Registration.objects.count(),
        Participation.objects.count(),
    )
    demo.load(ctx)
    assert (
        Fiche.objects.count(),
        Event.objects.count(),
        Registration.objects.count(),
        Participation.objects.count(),
    ) == counts
    assert set(Fiche.objects.values_list("title", flat=True)) == {
        "Promotion de la santé et prévention « 1000 premiers jours »",
        "Petit pas grand pas",
    }
    assert Registration.objects.filter(status="attente").exists()
    assert counts[3] >= 1
