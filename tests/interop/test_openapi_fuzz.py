"""Schemathesis against the OpenAPI description, in-process (WSGI): no server error.

Every operation is fuzzed with a bounded number of examples (``MAX_EXAMPLES``), with a
token carrying every scope (so that the secured paths run too) for a professional of a
care team. Only the ``not_a_server_error`` check is asserted: 4xx answers to invalid
input are expected.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from millejours.programme.models import Fiche, FicheState
from tests.interop.api_helpers import bearer

MAX_EXAMPLES = 25

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def api_headers(db, settings, sagefemme, family):
    settings.MILLEJOURS_RATE_LIMITS = {"api": {"per_ip": 100_000, "per_token": 100_000, "window": 60}}
    Fiche.objects.create(title="Café des parents", state=FicheState.EN_COURS)
    auth = bearer(sagefemme, "indicateurs", "familles")
    return {"Authorization": auth["HTTP_AUTHORIZATION"]}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_no_server_error(case, api_headers):
    case.call_and_validate(headers=api_headers, checks=[not_a_server_error])
