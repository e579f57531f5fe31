"""A professional's search of the whole territory: bounded, counted and audited.

The search itself (``selectors.territory_search``) shows a family's name and commune only.
Each search is an audit event, so that the coordination sees who searched for whom, and
the same events cap how often one person may search (``SEARCHES_PER_HOUR``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from millejours.accounts.models import User
from millejours.audit.models import AuditEvent
from millejours.audit.services import record_event

from ..selectors import SEARCH_MIN_CHARS, territory_search

SEARCHES_PER_HOUR = 60
ACTION = "pathway.territory_search"


class SearchRefused(Exception):
    """A search that is not run: the French message, and the HTTP status of the page."""

    def __init__(self, message: str, status: int = 200) -> None:
        super().__init__(message)
        self.message, self.status = message, status


def territory_search_run(*, user: User, query: str) -> list[dict[str, Any]]:
    """Run and audit ``user``'s search; ``SearchRefused`` when too short or over the cap."""
    if len(query) < SEARCH_MIN_CHARS:
        raise SearchRefused(f"Saisissez au moins {SEARCH_MIN_CHARS} caractères.")
    limit = getattr(settings, "MILLEJOURS_TERRITORY_SEARCHES_PER_HOUR", SEARCHES_PER_HOUR)
    since = timezone.now() - timedelta(hours=1)
    if AuditEvent.objects.filter(actor=user, action=ACTION, at__gte=since).count() >= limit:
        raise SearchRefused("Trop de recherches en une heure : merci de réessayer plus tard.", 429)
    results = territory_search(user, query)
    record_event(actor=user, action=ACTION, details={"query": query, "results": len(results)})
    return results
