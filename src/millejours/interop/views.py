"""Read-only FHIR (R4) endpoints: Patient and Observation, behind the visibility selector.

Authentication: the platform session (the same login and second factor as the pages).
Anonymous → 401, outside the care team → 404, like every family URL.
"""

from __future__ import annotations

import json
from functools import wraps

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from . import fhir, selectors

FHIR_JSON = "application/fhir+json; charset=utf-8"


def _json(payload: dict | str, status: int = 200) -> HttpResponse:
    body = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    return HttpResponse(body, content_type=FHIR_JSON, status=status)


def fhir_view(view):
    @wraps(view)
    @require_GET
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _json(fhir.operation_outcome("login", "Authentification requise."), status=401)
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return _json(fhir.operation_outcome("not-found", "Ressource introuvable."), status=404)

    return wrapper


def _base_url(request) -> str:
    return request.build_absolute_uri("/api/fhir/")


def _patient_resource(patient):
    if isinstance(patient, selectors.Child):
        return fhir.child_patient(patient, siblings_of_same_birth=selectors.child_siblings_count(patient))
    return fhir.parent_patient(patient)


def _observations(patient) -> list:
    resources = []
    for kind, obj in selectors.observations_for_patient(patient):
        if kind == "child":
            resources.append(fhir.gestational_age_observation(obj))
        else:
            resources.extend(fhir.pregnancy_observations(obj, patient))
    return resources


@fhir_view
def patient_read(request, resource_id):
    patient = selectors.resolve_patient(request.user, resource_id, path=request.path)
    return _json(_patient_resource(patient).model_dump_json(exclude_none=True))


@fhir_view
def observation_search(request):
    reference = request.GET.get("patient") or request.GET.get("subject") or ""
    reference = reference.removeprefix("Patient/")
    if not reference:
        return _json(fhir.operation_outcome("required", "Le paramètre « patient » est obligatoire."), status=400)
    patient = selectors.resolve_patient(request.user, reference, path=request.path)
    bundle = fhir.searchset(_observations(patient), base_url=_base_url(request))
    return _json(bundle.model_dump_json(exclude_none=True))


@fhir_view
def observation_read(request, resource_id):
    kind, obj, family = selectors.resolve_observation(request.user, resource_id, path=request.path)
    if kind == "child":
        resource = fhir.gestational_age_observation(obj)
    else:
        mother = selectors.mother_of(family)
        if mother is None:
            raise Http404
        resource = next(o for o in fhir.pregnancy_observations(obj, mother) if o.id == resource_id)
    return _json(resource.model_dump_json(exclude_none=True))
