"""Read-only FHIR (R4) endpoints: Patient and Observation, behind the visibility selector.

Authentication: the platform session (the same login and second factor as the pages).
Anonymous → 401, outside the care team → 404, like every family URL.
"""

from __future__ import annotations

import json
from functools import wraps
from importlib.metadata import version

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from millejours.screening import questionnaires

from . import fhir, fhir_clinical, selectors

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


def _epds_url(request) -> str:
    return _base_url(request) + "Questionnaire/epds"


def _patient_param(request):
    reference = request.GET.get("patient") or request.GET.get("subject") or ""
    reference = reference.removeprefix("Patient/")
    if not reference:
        return None
    return selectors.resolve_patient(request.user, reference, path=request.path)


def _missing_patient():
    return _json(
        fhir.operation_outcome("required", "Le paramètre « patient » est obligatoire."), status=400
    )


def _patient_resource(patient):
    if isinstance(patient, selectors.Child):
        return fhir.child_patient(
            patient, siblings_of_same_birth=selectors.child_siblings_count(patient)
        )
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
    patient = _patient_param(request)
    if patient is None:
        return _missing_patient()
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


@require_GET
def metadata(request):
    """The CapabilityStatement (public, like every FHIR server's ``/metadata``)."""

    statement = fhir_clinical.capability_statement(
        base_url=_base_url(request),
        software_version=version("millejours"),
        date=timezone.localdate().isoformat(),
    )
    return _json(statement.model_dump_json(exclude_none=True))


@fhir_view
def questionnaire_read(request, resource_id):
    if resource_id != "epds":
        raise Http404
    return _json(
        fhir_clinical.epds_questionnaire(
            questionnaires.epds(), url=_epds_url(request)
        ).model_dump_json(exclude_none=True)
    )


def _epds_response(request, response, mother):
    q = questionnaires.get("epds", response.version)
    return fhir_clinical.epds_response(
        response, q, url=_epds_url(request), mother_id=mother.pk if mother else None
    )


@fhir_view
def questionnaire_response_read(request, resource_id):
    response, family = selectors.resolve_questionnaire_response(
        request.user, resource_id, path=request.path
    )
    mother = selectors.mother_of(family)
    return _json(_epds_response(request, response, mother).model_dump_json(exclude_none=True))


@fhir_view
def questionnaire_response_search(request):
    patient = _patient_param(request)
    if patient is None:
        return _missing_patient()
    resources = [_epds_response(request, r, patient) for r in selectors.epds_responses_of(patient)]
    return _json(
        fhir.searchset(resources, base_url=_base_url(request)).model_dump_json(exclude_none=True)
    )


@fhir_view
def immunization_read(request, resource_id):
    milestone, family = selectors.resolve_immunization(request.user, resource_id, path=request.path)
    ref = selectors.immunization_patient_ref(milestone, family)
    if ref is None:
        raise Http404
    return _json(
        fhir_clinical.immunization(milestone, patient_ref=ref).model_dump_json(exclude_none=True)
    )


@fhir_view
def immunization_search(request):
    patient = _patient_param(request)
    if patient is None:
        return _missing_patient()
    ref = f"Patient/{'enfant' if isinstance(patient, selectors.Child) else 'parent'}-{patient.pk}"
    resources = [
        fhir_clinical.immunization(m, patient_ref=ref) for m in selectors.vaccines_of(patient)
    ]
    return _json(
        fhir.searchset(resources, base_url=_base_url(request)).model_dump_json(exclude_none=True)
    )
