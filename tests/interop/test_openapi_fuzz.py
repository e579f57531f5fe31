"""Schemathesis against the OpenAPI description, in-process (WSGI): no server error.

Every operation is fuzzed with a bounded number of examples (``MAX_EXAMPLES``), with a
token carrying every scope (so that the secured paths run too) for a professional of a
care team. Only the ``not_a_server_error`` check is asserted: 4xx answers to invalid
input are expected.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from millejours.programme.models import Fiche, FicheState
from tests.interop.api_helpers import bearer

MAX_EXAMPLES = 25

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: the WSGI handler must not close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_headers(db, settings, sagefemme, family, keep_test_connection):
    settings.MILLEJOURS_RATE_LIMITS = {
        "api": {"per_ip": 100_000, "per_token": 100_000, "window": 60}
    }
    Fiche.objects.create(title="Café des parents", state=FicheState.EN_COURS)
    auth = bearer(sagefemme, "indicateurs", "familles")
    return {"Authorization": auth["HTTP_AUTHORIZATION"]}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_no_server_error(case, api_headers):
    case.call_and_validate(headers=api_headers, checks=[not_a_server_error])
