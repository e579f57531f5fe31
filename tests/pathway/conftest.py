"""Shared fixtures of the pathway tests."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from millejours.pathway.calendar import materialise
from tests import factories


@pytest.fixture
def followed(sagefemme, commune):
    """A family at 20 SA in the sage-femme's care team: some steps late, some due, many
    upcoming (its calendar materialised)."""
    family = factories.family(
        display_name="Foyer Suivi",
        care_team=[sagefemme],
        commune_obj=commune,
        lmp=timezone.localdate() - timedelta(weeks=20),
    )
    materialise(family.pregnancies.all())
    return family
