"""FHIR resources built from the pathway models (read-only interoperability).

The resources are validated with ``fhir.resources`` **R4B** (FHIR 4.3, wire-compatible with
R4 for Patient, Observation and Bundle).

Logical ids:

- ``Patient/parent-<pk>``: a parent (``pathway.Parent``);
- ``Patient/enfant-<pk>``: a child (``pathway.Child``);
- ``Observation/enfant-<pk>-ag``: gestational age at birth (LOINC 76516-4, in weeks);
- ``Observation/grossesse-<pk>-ddr``: last menstrual period (LOINC 8665-2), subject the mother;
- ``Observation/grossesse-<pk>-dpa``: estimated delivery date (LOINC 11778-8), subject the mother.
"""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient

from millejours.pathway.models import IdentityStatus, ParentRole

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
# INS-NIR (ANS): only for a QUALIFIED identity. An unverified NIR (typed, or imported from a
# declaration file) is never sent under this OID: RNIV 1 and the ANS "Guide d'implémentation
# de l'INS" (https://esante.gouv.fr/identite-nationale-de-sante) reserve the INS to
# qualified identities; otherwise the patient carries the platform's local identifier only.
NIR_SYSTEM = "urn:oid:1.2.250.1.213.1.4.8"
# FR Core profiles (https://hl7.fr/ig/fhir/core/): the INS profile only with a qualified INS.
FR_CORE_PATIENT = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-patient"
FR_CORE_PATIENT_INS = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-patient-ins"
LOCAL_PATIENT_SYSTEM = "urn:millejours:patient"
REFERENCE_SYSTEM = "urn:millejours:famille"

GENDER_BY_PARENT_ROLE = {"mere": "female", "pere": "male"}
GENDER_BY_SEX = {"F": "female", "M": "male"}


def _address(family) -> list[dict]:
    if family.commune is None and not family.address:
        return []
    address: dict[str, Any] = {"use": "home", "country": "FR"}
    if family.address:
        address["line"] = [family.address]
    if family.commune is not None:
        address["city"] = family.commune.name
        if family.commune.postcodes:
            address["postalCode"] = family.commune.postcodes[0]
    return [address]


def _parent_identifier(parent) -> dict:
    """The INS-NIR when the identity is qualified, else the platform's local identifier."""
    if parent.nir and parent.identity_status == IdentityStatus.QUALIFIED:
        return {"use": "official", "system": NIR_SYSTEM, "value": parent.nir}
    return {"use": "usual", "system": LOCAL_PATIENT_SYSTEM, "value": f"parent-{parent.pk}"}


def parent_patient(parent) -> Patient:
    identifier = _parent_identifier(parent)
    data: dict[str, Any] = {
        "resourceType": "Patient",
        "id": f"parent-{parent.pk}",
        "meta": {
            "profile": [
                FR_CORE_PATIENT_INS if identifier["system"] == NIR_SYSTEM else FR_CORE_PATIENT
            ]
        },
        "identifier": [{"system": REFERENCE_SYSTEM, "value": parent.family.reference}],
        "name": [{"use": "official", "family": parent.last_name, "given": [parent.first_name]}],
        "gender": GENDER_BY_PARENT_ROLE.get(parent.role, "unknown"),
        "address": _address(parent.family),
    }
    data["identifier"].append(identifier)
    if parent.birth_date:
        data["birthDate"] = parent.birth_date.isoformat()
    telecom = []
    if parent.phone:
        telecom.append({"system": "phone", "value": parent.phone, "use": "mobile"})
    if parent.email:
        telecom.append({"system": "email", "value": parent.email})
    if telecom:
        data["telecom"] = telecom
    return Patient.model_validate(data)


def child_patient(child, *, siblings_of_same_birth: int = 1) -> Patient:
    data = {
        "resourceType": "Patient",
        "id": f"enfant-{child.pk}",
        "meta": {"profile": [FR_CORE_PATIENT]},
        "identifier": [{"system": REFERENCE_SYSTEM, "value": child.family.reference}],
        "gender": GENDER_BY_SEX.get(child.sex, "unknown"),
        "birthDate": child.birth_date.isoformat(),
        "address": _address(child.family),
    }
    mother = next((p for p in child.family.parents.all() if p.role == ParentRole.MOTHER), None)
    name: dict[str, Any] = {"use": "official"}

    if child.first_name:
        name["given"] = [child.first_name]
    if mother is not None:
        name["family"] = mother.last_name
    if len(name) > 1:
        data["name"] = [name]
    if siblings_of_same_birth > 1:
        data["multipleBirthBoolean"] = True
    return Patient.model_validate(data)


def gestational_age_observation(child) -> Observation:
    weeks = round(child.gestational_age_weeks + child.gestational_age_days / 7, 2)
    return Observation.model_validate(
        {
            "resourceType": "Observation",
            "id": f"enfant-{child.pk}-ag",
            "status": "final",
            "code": {
                "coding": [
                    {"system": LOINC, "code": "76516-4", "display": "Gestational age at birth"}
                ],
                "text": "Âge gestationnel à la naissance",
            },
            "subject": {"reference": f"Patient/enfant-{child.pk}"},
            "effectiveDateTime": child.birth_date.isoformat(),
            "valueQuantity": {"value": weeks, "unit": "wk", "system": UCUM, "code": "wk"},
            "note": [
                {"text": f"{child.gestational_age_weeks} SA + {child.gestational_age_days} j"}
            ],
        }
    )


def pregnancy_observations(pregnancy, mother) -> list[Observation]:
    subject = {"reference": f"Patient/parent-{mother.pk}"}
    return [
        Observation.model_validate(
            {
                "resourceType": "Observation",
                "id": f"grossesse-{pregnancy.pk}-ddr",
                "status": "final",
                "code": {
                    "coding": [
                        {
                            "system": LOINC,
                            "code": "8665-2",
                            "display": "Last menstrual period start date",
                        }
                    ],
                    "text": "Date des dernières règles",
                },
                "subject": subject,
                "valueDateTime": pregnancy.lmp.isoformat(),
            }
        ),
        Observation.model_validate(
            {
                "resourceType": "Observation",
                "id": f"grossesse-{pregnancy.pk}-dpa",
                "status": "final",
                "code": {
                    "coding": [
                        {"system": LOINC, "code": "11778-8", "display": "Delivery date Estimated"}
                    ],
                    "text": "Date prévue d'accouchement",
                },
                "subject": subject,
                "valueDateTime": pregnancy.due_date.isoformat(),
            }
        ),
    ]


def searchset(resources, *, base_url: str) -> Bundle:
    return Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "type": "searchset",
            "total": len(resources),
            "entry": [
                {
                    "fullUrl": f"{base_url}{r.get_resource_type()}/{r.id}",
                    "resource": r.model_dump(mode="json", exclude_none=True),
                    "search": {"mode": "match"},
                }
                for r in resources
            ],
        }
    )


def operation_outcome(code: str, text: str) -> dict:
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": code, "diagnostics": text}],
    }
