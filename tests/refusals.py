"""A refused write leaves no trace: shared by the tests of the role rules held by services."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from millejours.audit.models import AuditEvent

# The personas (fixtures) that hold no coordination role: a sage-femme, a parent, a partner.
NOT_COORDINATION = ["sagefemme", "parent", "partner"]


def assert_refused_without_trace(write: Callable[[], Any], written: Callable[[], Any]) -> None:
    """``write()`` raises ``PermissionDenied``, and neither ``written()`` (what the write
    would change) nor the audit trail has moved."""
    before, events = written(), AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        write()
    assert written() == before
    assert AuditEvent.objects.count() == events
