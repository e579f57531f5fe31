"""The public fiche feed and the coordinators' regional catalogue pages."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from millejours.accounts.access import CPTS_COORDINATION_ONLY, require_coordinator
from millejours.audit.uploads import upload_validator
from millejours.programme.forms.fiches import CatalogueFilterForm
from millejours.programme.services.fiche_document import FicheDataError

from . import feeds
from .models import FeedSubscription, RemoteFiche


@require_GET
def feed(request):
    body = json.dumps(feeds.publish(), ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


class SubscriptionForm(forms.Form):
    name = forms.CharField(label="CPTS", max_length=200)
    url = forms.URLField(
        label="Adresse du flux", required=False, max_length=500, assume_scheme="https"
    )
    file = forms.FileField(
        label="ou fichier du flux (JSON)",
        required=False,
        validators=[upload_validator({"json"}, max_bytes=feeds.MAX_FEED_BYTES)],
    )

    def clean(self):
        data = super().clean()
        if not data.get("url") and not data.get("file"):
            raise forms.ValidationError("Indiquez l'adresse du flux ou déposez un fichier.")
        return data


class RegionalFilterForm(CatalogueFilterForm):
    cpts = forms.ChoiceField(label="CPTS", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("objective")
        self.fields["cpts"].choices = [("", "Toutes")] + [
            (str(s.pk), s.name) for s in FeedSubscription.objects.all()
        ]


@login_required
@require_http_methods(["GET", "POST"])
def regional(request):
    user = require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    form = SubscriptionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            body = upload.read() if upload is not None else None
            subscription = feeds.subscribe(
                name=form.cleaned_data["name"], url=form.cleaned_data["url"], body=body, actor=user
            )
        except feeds.FeedError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, f"Abonnement ajouté : {subscription.fiches.count()} fiche(s)."
            )
            return redirect("catalogue_regional:index")
    filters = RegionalFilterForm(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    fiches = feeds.regional_catalogue(**{k: v for k, v in values.items() if v})[:500]
    return render(
        request,
        "interop/regional.html",
        {
            "form": form,
            "filters": filters,
            "fiches": fiches,
            "subscriptions": FeedSubscription.objects.all(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def refresh(request, subscription_id):
    user = require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    subscription = get_object_or_404(FeedSubscription, pk=subscription_id)
    try:
        count = feeds.refresh(subscription, actor=user)
    except feeds.FeedError as exc:
        messages.error(request, f"{subscription.name} : {exc}")
    else:
        messages.success(request, f"{subscription.name} : {count} fiche(s).")
    return redirect("catalogue_regional:index")


@login_required
@require_http_methods(["GET", "POST"])
def remote_fiche(request, fiche_id):
    user = require_coordinator(request.user, CPTS_COORDINATION_ONLY)
    remote = get_object_or_404(RemoteFiche.objects.select_related("subscription"), pk=fiche_id)
    errors: list[str] = []
    if request.method == "POST":
        try:
            fiche = feeds.copy_as_draft(remote, actor=user)
        except FicheDataError as exc:
            errors = exc.errors
        else:
            messages.success(request, "La fiche est copiée dans votre programme (état « idée »).")
            return redirect("programme:fiche_detail", fiche.pk)
    return render(
        request,
        "interop/remote_fiche.html",
        {
            "remote": remote,
            "fiche": remote.document.get("fiche", {}),
            "errors": errors,
        },
        status=400 if errors else 200,
    )
