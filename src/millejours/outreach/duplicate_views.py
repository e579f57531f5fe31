"""The « doublons possibles » page of the coordination (thin: rules in ``duplicates``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from millejours.accounts.access import require_coordinator
from millejours.audit.services import record_access

from .duplicates import MergeRefused, duplicate_dismiss, duplicate_merge, pending_duplicates
from .models import DuplicateStatus, PossibleDuplicate


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


def _pending(request, pk) -> PossibleDuplicate:
    require_coordinator(request.user)
    return get_object_or_404(PossibleDuplicate, pk=pk, status=DuplicateStatus.PENDING)


@login_required
@require_POST
def duplicate_same(request, pk):
    try:
        duplicate_merge(duplicate=_pending(request, pk), user=request.user)
        messages.success(
            request, "Fusionnées : la personne importée a rejoint le dossier existant."
        )
    except MergeRefused as exc:
        messages.error(request, str(exc))
    return redirect("outreach:duplicates")


@login_required
@require_POST
def duplicate_different(request, pk):
    try:
        duplicate_dismiss(duplicate=_pending(request, pk), user=request.user)
        messages.success(
            request, "Noté : ce sont deux personnes différentes, les deux dossiers sont conservés."
        )
    except MergeRefused as exc:
        messages.error(request, str(exc))
    return redirect("outreach:duplicates")
