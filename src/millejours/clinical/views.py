"""The « Règles à valider » page (medical referent and administrator)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from millejours.accounts.access import require_medical_referent

from . import registry, selectors, services
from .forms import ValidationForm


@login_required
def review_list(request):
    if not selectors.may_see(request.user):
        raise PermissionDenied("Réservé au référent médical et à l'administration.")
    errors: dict[tuple, list[str]] = {}
    if request.method == "POST":
        require_medical_referent(request.user)
        form = ValidationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.rule_validate(
                    kind=data["kind"],
                    code=data["code"],
                    version=data["version"],
                    user=request.user,
                    comment=data["comment"],
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request, f"Règle « {data['code']} » validée (version {data['version']})."
                )
                return redirect("clinical:review_list")
        else:
            key = (request.POST.get("kind"), request.POST.get("code"), request.POST.get("version"))
            errors[key] = [e for field in form.errors.values() for e in field]
    rows = selectors.rule_rows()
    groups = []
    for kind, label in registry.KINDS.items():
        kind_rows = [r for r in rows if r.rule.kind == kind]
        if kind_rows:
            groups.append({"kind": kind, "label": label, "rows": kind_rows})
    return render(
        request,
        "clinical/review_list.html",
        {
            "groups": groups,
            "pending_count": sum(1 for r in rows if r.pending),
            "total": len(rows),
            "can_validate": selectors.may_validate(request.user),
            "errors": errors,
        },
    )
