"""The SMS operators' own webhooks: ``/aller-vers/webhooks/operateur/<brevo|ovh>/``.

Operators do not sign their calls the way ``webhooks`` expects, so a call is accepted when
it carries ``OUTREACH_OPERATOR_WEBHOOK_TOKEN`` (``Authorization: Bearer <token>`` — Brevo's
webhook « auth » — or ``?jeton=<token>`` in the callback URL — OVHcloud), its operator
timestamp (when it has one) is within ``OUTREACH_WEBHOOK_TOLERANCE`` seconds, and its
operator event id was not applied before (remembered in ``WebhookEvent`` with the effect).
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import callbacks, webhooks
from .operators import CallbackError, get_operator


def _token_ok(request) -> bool:
    expected = settings.OUTREACH_OPERATOR_WEBHOOK_TOKEN
    if not expected:
        return False
    given = request.headers.get("Authorization", "")
    given = given[7:] if given.startswith("Bearer ") else request.GET.get("jeton", "")
    return hmac.compare_digest(given.encode(), expected.encode())


def _apply(event) -> dict:
    if event.kind == "inbound":
        return callbacks.apply_inbound(event.phone, event.text)
    return callbacks.apply_receipt(
        status=event.status, key=event.key, provider_id=event.provider_id, error=event.error
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def webhook_operator(request, operator: str):
    module = get_operator(operator)
    if module is None:
        raise Http404("Opérateur inconnu.")
    if not _token_ok(request):
        return HttpResponse("Jeton invalide.", status=403)
    try:
        events = module.parse_callback(request)
    except CallbackError as exc:
        return HttpResponseBadRequest(str(exc))
    tolerance = int(settings.OUTREACH_WEBHOOK_TOLERANCE)
    if any(
        e.sent_at and abs((timezone.now() - e.sent_at).total_seconds()) > tolerance for e in events
    ):
        return HttpResponseBadRequest("Horodatage hors de la fenêtre acceptée : appel refusé.")
    results = []
    try:
        for event in events:
            with webhooks.once(f"{operator}:{event.kind}", event.event_id[:100]):
                try:
                    results.append(_apply(event))
                except callbacks.Invalid as exc:
                    raise webhooks.Refused(HttpResponseBadRequest(str(exc))) from None
    except webhooks.Refused as refusal:
        return refusal.response
    return JsonResponse({"events": results})
