"""Shared access helpers of the pathway pages.

Every family-scoped view starts with ``get_family_for_user`` (404 outside the care team,
one access-log entry per read).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..selectors import get_family_for_user


def _family(request, family_id, page):
    return get_family_for_user(request.user, family_id, page=page, path=request.path)


def _form_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A form page: 200 when first shown, 422 when a POST was refused (errors shown)."""
    return render(request, template, context, status=422 if request.method == "POST" else 200)
