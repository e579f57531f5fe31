"""Typing of the request as our middleware stack hands it to views."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request after ``django_htmx.middleware.HtmxMiddleware`` (``request.htmx``)."""

    htmx: HtmxDetails
