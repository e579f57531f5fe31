from datetime import timedelta

import pytest
from django.utils import timezone

from millejours.pathway.models import Milestone, MilestoneState


@pytest.fixture
def epp_milestone(family):
    pregnancy = family.pregnancies.get()
    today = timezone.localdate()
    return Milestone.objects.create(
        family=family,
        pregnancy=pregnancy,
        subject="grossesse",
        code="epp",
        rule_version="test",
        label="Entretien prénatal précoce",
        category="entretien",
        status="obligatoire",
        due=today,
        window_start=today - timedelta(days=10),
        window_end=today + timedelta(days=30),
        state=MilestoneState.DUE,
    )
