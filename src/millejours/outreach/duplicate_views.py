"""The « doublons possibles » page of the coordination (thin: rules in ``duplicates``)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from millejours.accounts.access import require_coordinator
from millejours.audit.services import record_access

from .duplicates import MergeRefused, duplicate_dismiss, duplicate_merge, pending_duplicates
from .models import DuplicateStatus, PossibleDuplicate

MERGED = "Fusionnées : la personne importée a rejoint le dossier existant."
KEPT_APART = "Noté : ce sont deux personnes différentes, les deux dossiers sont conservés."


@login_required
def duplicate_list(request):
    require_coordinator(request.user)
    pairs = []
    for duplicate in pending_duplicates().filter(candidate__isnull=False):
        for person in (duplicate.existing, duplicate.candidate):  # contact details shown: a read
            record_access(
                user=request.user,
                family=person.family,
                page="outreach:duplicates",
                path=request.path,
            )
        pairs.append(
            {
                "duplicate": duplicate,
                "people": [
                    ("Personne déjà connue", duplicate.existing),
                    ("Personne importée", duplicate.candidate),
                ],
            }
        )
    return render(request, "outreach/duplicates.html", {"pairs": pairs})


def _decide(request: HttpRequest, pk: int, decide: Callable[..., None], done: str) -> HttpResponse:
    """One decision on a pending pair (coordination only), then back to the list."""
    require_coordinator(request.user)
    duplicate = get_object_or_404(PossibleDuplicate, pk=pk, status=DuplicateStatus.PENDING)
    try:
        decide(duplicate=duplicate, user=request.user)
        messages.success(request, done)
    except MergeRefused as exc:
        messages.error(request, str(exc))
    return redirect("outreach:duplicates")


@login_required
@require_POST
def duplicate_same(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, duplicate_merge, MERGED)


@login_required
@require_POST
def duplicate_different(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, duplicate_dismiss, KEPT_APART)
