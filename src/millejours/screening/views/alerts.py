"""Screening alerts and contact requests (anonymous EPDS) for professionals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from millejours.accounts.access import (
    require_professional,
    require_referent_or_coordinator,
)

from .. import selectors, services
from ..forms import AlertCloseForm
from ..models import (
    AlertTask,
    ContactRequest,
)
from .common import pro_family


@login_required
def alert_list(request):
    require_professional(request.user, None)
    return render(
        request, "screening/alert_list.html", {"alerts": selectors.open_alerts_for(request.user)}
    )


@login_required
def alert_detail(request, pk):
    alert = get_object_or_404(AlertTask.objects.select_related("response", "closed_by"), pk=pk)
    family = pro_family(request, alert.family_id, "screening.alert")
    form = AlertCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.alert_close(
                alert=alert, user=request.user, action_taken=form.cleaned_data["action_taken"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "L'alerte est close.")
            return redirect("screening:alert_detail", pk=alert.pk)
    return render(
        request, "screening/alert_detail.html", {"alert": alert, "family": family, "form": form}
    )


@login_required
def contact_list(request):
    """Referents and the coordination call back the people who asked for it."""
    require_referent_or_coordinator(request.user)
    if request.method == "POST":
        contact = get_object_or_404(ContactRequest, pk=request.POST.get("pk"))
        services.contact_request_mark_handled(request=contact, user=request.user)
        messages.success(request, "La demande est marquée comme traitée.")
        return redirect("screening:contact_list")
    return render(
        request, "screening/contact_list.html", {"contacts": selectors.pending_contact_requests()}
    )
