"""Thin views of the "aller vers" space (coordinators), the opt-out link and the webhooks."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from millejours.accounts.access import require_coordinator
from millejours.lib.shortcuts import get_or_new

from . import callbacks, services, sms, webhooks
from .files import FileErased, batch_file_bytes
from .forms import ImportForm, RecontactForm, SequenceForm, StepForm
from .import_reading import rejected_rows_csv
from .import_result import created_contacts, planned_messages
from .imports import batch_create
from .models import (
    ImportBatch,
    ImportStatus,
    OutreachContact,
    Recontact,
    Sequence,
    SequenceStep,
)
from .selectors import STATUS_LABELS, outbox_status
from .tasks import batch_start_commit, batch_start_preview


@login_required
def home(request):
    require_coordinator(request.user)

    outbox = [(STATUS_LABELS[key], n) for key, n in outbox_status().items()]
    return render(
        request,
        "outreach/home.html",
        {
            "sequences": Sequence.objects.annotate(step_count=Count("steps")),
            "imports": ImportBatch.objects.select_related("created_by")[:10],
            "outbox": outbox,
            "contacts": OutreachContact.objects.count(),
            "opted_out": OutreachContact.objects.filter(opted_out_at__isnull=False).count(),
            "recontacts": Recontact.objects.select_related("family")[:10],
        },
    )


# --- Import ----------------------------------------------------------------------------------


@login_required
def import_new(request):
    require_coordinator(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = batch_create(uploaded=form.cleaned_data["file"], user=request.user)
        batch_start_preview(batch)
        return redirect("outreach:import_detail", batch.pk)
    return render(request, "outreach/import_new.html", {"form": form})


def _batch(request, pk) -> ImportBatch:
    require_coordinator(request.user)
    return get_object_or_404(ImportBatch.objects.select_related("created_by"), pk=pk)


@login_required
def import_detail(request, pk):
    return render(request, "outreach/import_detail.html", _import_context(_batch(request, pk)))


def _import_context(batch: ImportBatch) -> dict:
    """The batch and, once it is done, what it created and planned (the result page)."""

    if batch.status != ImportStatus.DONE:
        return {"batch": batch}
    return {"batch": batch, "created": created_contacts(batch), "planned": planned_messages(batch)}


@login_required
def import_status(request, pk):
    return render(request, "outreach/_import_status.html", _import_context(_batch(request, pk)))


@login_required
@require_POST
def import_commit(request, pk):
    batch = _batch(request, pk)
    if not batch_start_commit(batch=batch, user=request.user):
        messages.error(request, "Cet import n'est pas (ou plus) en attente de confirmation.")
    return redirect("outreach:import_detail", batch.pk)


@login_required
def import_rejects(request, pk):

    batch = _batch(request, pk)
    rejected = (
        batch.result.get("rejected") if batch.result else batch.preview.get("rejected_all", [])
    )
    try:
        content = rejected_rows_csv(
            batch_file_bytes(batch), rejected or [], name=batch.original_name
        )
    except FileErased as exc:
        messages.error(request, str(exc))
        return redirect("outreach:import_detail", batch.pk)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lignes-rejetees-{batch.pk}.csv"'
    return response


# --- Sequences -----------------------------------------------------------------------------


@login_required
def sequence_edit(request, pk=None):
    require_coordinator(request.user)
    sequence = get_object_or_404(Sequence, pk=pk) if pk else Sequence(weekdays=[0, 1, 2, 3, 4])
    form = SequenceForm(request.POST or None, instance=sequence)
    if request.method == "POST" and form.is_valid():
        services.sequence_save(
            sequence=form.save(commit=False), user=request.user, created=pk is None
        )
        messages.success(request, "Séquence enregistrée.")
        return redirect("outreach:sequence_edit", form.instance.pk)
    steps = sequence.steps.all() if pk else []
    return render(
        request, "outreach/sequence_edit.html", {"form": form, "sequence": sequence, "steps": steps}
    )


@login_required
def step_edit(request, sequence_pk, pk=None):
    require_coordinator(request.user)
    sequence = get_object_or_404(Sequence, pk=sequence_pk)
    step = get_or_new(SequenceStep, pk, sequence=sequence)
    form = StepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        services.step_save(step=form.save(commit=False), user=request.user, created=pk is None)
        messages.success(request, "Message enregistré.")
        return redirect("outreach:sequence_edit", sequence.pk)
    body = form["body"].value() or ""
    return render(
        request,
        "outreach/step_edit.html",
        {
            "form": form,
            "sequence": sequence,
            "step": step,
            "length": _length(body),
            "variables": sms.VARIABLES,
        },
    )


def _length(body: str) -> dict:
    rendered = sms.render(body, sms.SAMPLE)
    return {"info": sms.sms_length(rendered), "rendered": rendered}


@login_required
@require_POST
def sms_preview(request):
    require_coordinator(request.user)
    return render(
        request, "outreach/_sms_length.html", {"length": _length(request.POST.get("body", ""))}
    )


# --- Recontacts ------------------------------------------------------------------------------


@login_required
def recontact_new(request):
    require_coordinator(request.user)
    form = RecontactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.recontact_record(
            family=form.family,
            kind=data["kind"],
            occurred_on=data["occurred_on"],
            user=request.user,
            visit_by=data["visit_by"],
            note=data["note"],
        )
        messages.success(request, "Recontact enregistré.")
        return redirect("outreach:home")
    return render(request, "outreach/recontact_new.html", {"form": form})


# --- Public opt-out link ------------------------------------------------------------------------


def optout(request, token):
    contact = get_object_or_404(OutreachContact, token=token)
    if request.method == "POST":
        services.contact_opt_out(contacts=[contact], channel="lien")
        return render(request, "outreach/optout.html", {"done": True})
    return render(request, "outreach/optout.html", {"done": contact.opted_out_at is not None})


# --- Webhooks (operator → platform): signed, fresh, applied once (see ``webhooks``) -------------


def _webhook(endpoint: str):
    """Decorator: refuse unsigned, stale or replayed calls; apply the view once per event id."""

    def decorator(view):
        @csrf_exempt
        @require_POST
        @wraps(view)
        def wrapper(request):
            try:
                data = webhooks.verified_payload(request)
                with webhooks.once(endpoint, webhooks.event_id(request, data)):
                    try:
                        response = JsonResponse(view(request, data))
                    except callbacks.Invalid as exc:
                        raise webhooks.Refused(
                            HttpResponseBadRequest(str(exc))
                        ) from None  # not remembered
            except webhooks.Refused as refusal:
                return refusal.response
            return response

        return wrapper

    return decorator


is_stop = callbacks.is_stop


@_webhook("inbound")
def webhook_inbound(request, data):
    return callbacks.apply_inbound(data.get("from", ""), data.get("text", ""))


@_webhook("receipt")
def webhook_receipt(request, data):
    return callbacks.apply_receipt(
        status=data.get("status", ""),
        key=str(data.get("idempotency_key") or data.get("key") or ""),
        provider_id=str(data.get("id") or ""),
        error=str(data.get("error", "non remis")),
    )


# Kept importable from here (tests, operator integration code).
SIGNATURE_HEADER = webhooks.SIGNATURE_HEADER
sign = webhooks.sign
