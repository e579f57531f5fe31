"""Which year an indicator page shows (``?annee=``) and which years its selector offers."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from millejours.lib import params

# The selector offers this year and the five before (the CPTS contract's span, with margin).
OFFERED_YEARS = 6


def chosen_year(request: HttpRequest) -> int:
    """The year asked for, this year by default, at most next year (a target being set)."""
    current = timezone.localdate().year
    return min(params.year(request, default=current), current + 1)


def year_choices() -> list[int]:
    """The years of the page's selector, the most recent first."""
    current = timezone.localdate().year
    return list(range(current, current - OFFERED_YEARS, -1))
