"""Partners edit their own listings; the coordination sees what changed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from millejours.accounts.access import require_coordinator, require_partner

from . import edits
from .forms import ServiceEditForm
from .views import service_or_404


@login_required
@require_GET
def my_services(request):
    require_partner(request.user, "Réservé aux structures partenaires.")
    return render(
        request, "directory/my_services.html", {"services": edits.services_of(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, pk: int):
    service = service_or_404(pk)
    edits.require_edit_right(request.user, service)
    form = ServiceEditForm.for_service(service, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request, "directory/edit.html", {"service": service, "form": form}, status=422
            )
        change = edits.service_edit(service=service, by=request.user, data=form.cleaned_data)
        messages.success(
            request,
            "Fiche enregistrée et marquée comme vérifiée aujourd'hui."
            if change
            else "Aucune modification : fiche marquée comme vérifiée aujourd'hui.",
        )
        return redirect("directory:pro_detail", pk=service.pk)
    return render(request, "directory/edit.html", {"service": service, "form": form})


@login_required
@require_GET
def changes(request):
    require_coordinator(request.user, None)
    return render(request, "directory/changes.html", {"changes": edits.recent_changes()})
