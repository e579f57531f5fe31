"""``/sante/``: the health page for monitoring (anonymous, JSON, no personal data)."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .selectors import health_report


@never_cache
@require_safe
def health(request):
    report = health_report()
    return JsonResponse(
        report,
        status=200 if report["status"] == "ok" else 503,
        json_dumps_params={"ensure_ascii": False},
    )
