"""When a read of a family record enters the access log (ground floor, used by every domain)."""

from __future__ import annotations

from contextvars import ContextVar

from .services import record_access

# --- Reads written once the request's outcome is known --------------------------------------
#
# ``pathway.selectors.get_family_for_user`` decides visibility before the view has run;
# the view may still refuse the request afterwards (a 404 for an object of another family,
# a 405 for a GET on a POST-only action, a 403 for a role check). A refused request is not
# a read: inside a request, reads are kept aside by ``AccessLogMiddleware`` and written
# only when the response is not a refusal. Outside a request (commands, tasks, direct
# selector calls) a read is written at once.

REFUSED_STATUSES = frozenset({400, 401, 403, 404, 405, 410})
_pending_reads: ContextVar[list[dict] | None] = ContextVar("millejours_pending_reads", default=None)


def log_read(**entry) -> None:
    """Log a read of a family record (``audit.services.record_access`` arguments)."""
    pending = _pending_reads.get()
    if pending is None:
        record_access(**entry)
    else:
        pending.append(entry)


class AccessLogMiddleware:
    """Write the reads of a request to the access log unless the request was refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _pending_reads.set([])
        try:
            response = self.get_response(request)
            reads = _pending_reads.get()
        finally:
            _pending_reads.reset(token)
        if response.status_code not in REFUSED_STATUSES:
            for entry in reads:
                record_access(**entry)
        return response
