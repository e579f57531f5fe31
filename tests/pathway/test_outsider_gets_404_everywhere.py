"""A professional outside the care team gets 404 on EVERY family URL of the pathway app.

The URL patterns are read from the URLconf, so a new family URL is covered automatically.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.audit.models import AccessLog
from millejours.pathway import urls
from millejours.pathway.calendar import materialise
from millejours.pathway.models import Milestone
from tests.urlconf import named_patterns

pytestmark = pytest.mark.django_db

ID_KWARGS = {"family_id", "pregnancy_id", "milestone_id", "member_id"}


def _family_patterns() -> dict[str, set[str]]:
    """URL name → the id parameters it takes, for every pathway URL that takes one."""
    return {
        name: set(converters)
        for name, converters in named_patterns(urls.urlpatterns)
        if ID_KWARGS & set(converters)
    }


def test_the_family_url_list_is_not_empty():
    assert {"family_detail", "milestone_done", "birth_create", "careteam_remove"} <= set(
        _family_patterns()
    )


@pytest.mark.parametrize("name", sorted(_family_patterns()))
@pytest.mark.parametrize("method", ["get", "post"])
def test_outsider_gets_404(login, outsider, family, name, method):
    materialise(family.pregnancies.all())
    ids = {
        "family_id": family.pk,
        "pregnancy_id": family.pregnancies.get().pk,
        "milestone_id": Milestone.objects.filter(family=family).first().pk,
        "member_id": family.care_team.get().pk,
    }
    params = _family_patterns()[name]
    url = reverse(f"pathway:{name}", kwargs={k: ids[k] for k in params})
    client = login(outsider)
    data = {"done_on": timezone.localdate().isoformat(), "reason": "x", "birth_date": "2020-01-01"}
    response = getattr(client, method)(url, data) if method == "post" else client.get(url)
    assert response.status_code == 404, url
    assert not AccessLog.objects.filter(family_id_ref=family.pk).exists()
