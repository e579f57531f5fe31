"""FHIR resources for screening and vaccines, and the CapabilityStatement.

- ``Questionnaire/epds``: the EPDS (French validated version) from ``screening/data``;
  each option carries its points as an ``ordinalValue`` extension.
- ``QuestionnaireResponse/reperage-<pk>``: a signed EPDS, subject the family's mother.
- ``Immunization/etape-<pk>``: a vaccine milestone marked done (calendar rule code).

FR Core (https://hl7.fr/ig/fhir/core/) profiles Patient (``fr-core-patient``, and
``fr-core-patient-ins`` for a qualified INS); it has no profile for Questionnaire,
QuestionnaireResponse, Immunization or these Observations, which stay base R4.
"""

from __future__ import annotations

from collections.abc import Sequence

from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.immunization import Immunization
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from .fhir import FR_CORE_PATIENT, FR_CORE_PATIENT_INS, LOINC

ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
CALENDAR_SYSTEM = "urn:millejours:calendrier"
EPDS_PANEL = "71354-5"
EPDS_TOTAL = "99046-5"


def _option_system(questionnaire_url: str, item_code: str) -> str:
    return f"{questionnaire_url}/{item_code}"


def epds_questionnaire(q, *, url: str) -> Questionnaire:
    """The EPDS definition ``q`` (``screening.questionnaires.Questionnaire``) as FHIR."""
    items = [
        {
            "linkId": it.code,
            "prefix": str(it.number) if it.number else None,
            "text": it.text,
            "type": "choice",
            "required": it.required,
            "answerOption": [
                {
                    "valueCoding": {
                        "system": _option_system(url, it.code),
                        "code": o.code,
                        "display": o.label,
                    },
                    "extension": [{"url": ORDINAL, "valueDecimal": o.points}],
                }
                for o in it.options
            ],
        }
        for it in q.choice_items
    ]
    items.append(
        {
            "linkId": "total",
            "text": "Score total",
            "type": "integer",
            "readOnly": True,
            "code": [{"system": LOINC, "code": EPDS_TOTAL}],
        }
    )
    return Questionnaire.model_validate(
        {
            "resourceType": "Questionnaire",
            "id": "epds",
            "url": url,
            "version": q.version,
            "name": "EPDS",
            "title": q.title,
            "status": "active",
            "subjectType": ["Patient"],
            "description": q.citation,
            "code": [{"system": LOINC, "code": EPDS_PANEL}],
            "item": items,
        }
    )


def epds_response(response, q, *, url: str, mother_id: int | None) -> QuestionnaireResponse:
    """A signed EPDS ``screening.Response`` (answers are option codes by item code)."""
    items = []
    for it in q.choice_items:
        code = (response.answers or {}).get(it.code)
        if not code:
            continue
        option = next((o for o in it.options if o.code == code), None)
        if option is None:
            continue
        items.append(
            {
                "linkId": it.code,
                "text": it.text,
                "answer": [
                    {
                        "valueCoding": {
                            "system": _option_system(url, it.code),
                            "code": option.code,
                            "display": option.label,
                        }
                    }
                ],
            }
        )
    if response.total is not None:
        items.append(
            {"linkId": "total", "text": "Score total", "answer": [{"valueInteger": response.total}]}
        )
    data = {
        "resourceType": "QuestionnaireResponse",
        "id": f"reperage-{response.pk}",
        "questionnaire": f"{url}|{response.version}",
        "status": "completed",
        "authored": response.signed_at.isoformat(),
        "item": items,
    }
    if mother_id is not None:
        data["subject"] = {"reference": f"Patient/parent-{mother_id}"}
    return QuestionnaireResponse.model_validate(data)


def immunization(milestone, *, patient_ref: str) -> Immunization:
    data = {
        "resourceType": "Immunization",
        "id": f"etape-{milestone.pk}",
        "status": "completed",
        "vaccineCode": {
            "coding": [
                {"system": CALENDAR_SYSTEM, "code": milestone.code, "display": milestone.label}
            ],
            "text": milestone.label,
        },
        "patient": {"reference": patient_ref},
        "occurrenceDateTime": milestone.done_on.isoformat(),
        "primarySource": milestone.done_by_id is not None,
    }
    if milestone.done_by_label:
        data["performer"] = [{"actor": {"display": milestone.done_by_label}}]
    if milestone.source:
        data["note"] = [{"text": f"Règle du calendrier : {milestone.source}"}]
    return Immunization.model_validate(data)


def _resource(
    kind: str,
    interactions: list[str],
    *,
    profile: str | None = None,
    supported: Sequence[str] = (),
    search: Sequence[tuple[str, str]] = (),
) -> dict:
    entry = {"type": kind, "interaction": [{"code": c} for c in interactions]}
    if profile:
        entry["profile"] = profile
    if supported:
        entry["supportedProfile"] = list(supported)
    if search:
        entry["searchParam"] = [{"name": n, "type": t} for n, t in search]
    return entry


def capability_statement(*, base_url: str, software_version: str, date: str) -> CapabilityStatement:
    patient_search = [("patient", "reference"), ("subject", "reference")]
    return CapabilityStatement.model_validate(
        {
            "resourceType": "CapabilityStatement",
            "id": "millejours",
            "name": "MilleJoursFHIR",
            "title": "Mille Jours — serveur FHIR en lecture seule",
            "status": "active",
            "date": date,
            "publisher": "Mille Jours (CPTS)",
            "kind": "instance",
            "software": {"name": "Mille Jours", "version": software_version},
            "implementation": {"description": "Parcours des 1000 premiers jours", "url": base_url},
            "fhirVersion": "4.3.0",
            "format": ["application/fhir+json", "json"],
            "implementationGuide": [
                "https://hl7.fr/ig/fhir/core/ImplementationGuide/hl7.fhir.fr.core"
            ],
            "rest": [
                {
                    "mode": "server",
                    "documentation": "Lecture seule. Session de la plateforme ; accès limité à l'équipe de soins "
                    "(404 sinon), chaque lecture est inscrite au journal des accès.",
                    "security": {
                        "description": "Authentification par la session de la plateforme (double facteur)."
                    },
                    "resource": [
                        _resource(
                            "Patient",
                            ["read"],
                            profile="http://hl7.org/fhir/StructureDefinition/Patient",
                            supported=[FR_CORE_PATIENT, FR_CORE_PATIENT_INS],
                        ),
                        _resource("Observation", ["read", "search-type"], search=patient_search),
                        _resource("Questionnaire", ["read"]),
                        _resource(
                            "QuestionnaireResponse", ["read", "search-type"], search=patient_search
                        ),
                        _resource(
                            "Immunization",
                            ["read", "search-type"],
                            search=[("patient", "reference")],
                        ),
                    ],
                }
            ],
        }
    )
