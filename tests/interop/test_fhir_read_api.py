"""Read-only FHIR R4 (R4B models): Patient and Observation behind the visibility selector."""

import json
from datetime import date

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient

from millejours.audit.models import AccessLog
from millejours.pathway.models import Child, Parent, Pregnancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def mother(family):
    return Parent.objects.get(family=family)


@pytest.fixture
def twins(family):
    pregnancy = Pregnancy.objects.get(family=family)
    pregnancy.fetus_count = 2
    pregnancy.outcome = "naissance"
    pregnancy.save()
    return [
        Child.objects.create(
            family=family,
            pregnancy=pregnancy,
            first_name=name,
            sex=sex,
            birth_date=date(2026, 1, 10),
            gestational_age_weeks=35,
            gestational_age_days=3,
        )
        for name, sex in (("Léa", "F"), ("Hugo", "M"))
    ]


def _get(client, url, **params):
    response = client.get(url, params)
    return response, (json.loads(response.content) if response.content else None)


def test_the_care_team_reads_the_mother_as_a_fhir_patient(login, sagefemme, mother):
    response, body = _get(login(sagefemme), f"/api/fhir/Patient/parent-{mother.pk}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    patient = Patient.model_validate(body)
    assert patient.id == f"parent-{mother.pk}"
    assert patient.name[0].family == "Exemple" and patient.name[0].given == ["Camille"]
    assert patient.gender == "female"
    assert str(patient.birthDate) == "1994-05-17"
    assert (
        patient.address[0].city == "Castanet-Tolosan" and patient.address[0].postalCode == "31320"
    )
    assert {t.system for t in patient.telecom} == {"phone", "email"}
    assert AccessLog.objects.filter(user=sagefemme, page="interop:patient").count() == 1


def test_twins_are_patients_with_multiple_birth_and_their_gestational_age(login, sagefemme, twins):
    client = login(sagefemme)
    _, body = _get(client, f"/api/fhir/Patient/enfant-{twins[0].pk}")
    patient = Patient.model_validate(body)
    assert patient.multipleBirthBoolean is True and patient.gender == "female"
    assert patient.name[0].given == ["Léa"] and patient.name[0].family == "Exemple"

    response, body = _get(client, "/api/fhir/Observation", patient=f"Patient/enfant-{twins[1].pk}")
    assert response.status_code == 200
    bundle = Bundle.model_validate(body)
    assert bundle.type == "searchset" and bundle.total == 1
    observation = Observation.model_validate(bundle.entry[0].resource.model_dump())
    assert observation.code.coding[0].code == "76516-4"
    assert float(observation.valueQuantity.value) == pytest.approx(35 + 3 / 7, abs=0.01)
    assert observation.subject.reference == f"Patient/enfant-{twins[1].pk}"


def test_the_mother_s_observations_are_lmp_and_due_date(login, sagefemme, mother, family):
    pregnancy = Pregnancy.objects.get(family=family)
    _, body = _get(login(sagefemme), "/api/fhir/Observation", patient=f"parent-{mother.pk}")
    bundle = Bundle.model_validate(body)
    values = {e.resource.code.coding[0].code: str(e.resource.valueDateTime) for e in bundle.entry}
    assert values == {
        "8665-2": pregnancy.lmp.isoformat(),
        "11778-8": pregnancy.due_date.isoformat(),
    }
    response, body = _get(login(sagefemme), f"/api/fhir/Observation/grossesse-{pregnancy.pk}-dpa")
    assert response.status_code == 200 and body["valueDateTime"] == pregnancy.due_date.isoformat()


def test_the_parent_reads_their_own_record(login, parent, mother):
    response, _ = _get(login(parent), f"/api/fhir/Patient/parent-{mother.pk}")
    assert response.status_code == 200


def test_outside_the_care_team_every_fhir_url_is_404(login, outsider, mother, twins, family):
    pregnancy = Pregnancy.objects.get(family=family)
    client = login(outsider)
    urls = [
        (f"/api/fhir/Patient/parent-{mother.pk}", {}),
        (f"/api/fhir/Patient/enfant-{twins[0].pk}", {}),
        ("/api/fhir/Observation", {"patient": f"enfant-{twins[0].pk}"}),
        (f"/api/fhir/Observation/enfant-{twins[0].pk}-ag", {}),
        (f"/api/fhir/Observation/grossesse-{pregnancy.pk}-ddr", {}),
    ]
    for url, params in urls:
        response, body = _get(client, url, **params)
        assert response.status_code == 404, url
        assert body["resourceType"] == "OperationOutcome"
    assert not AccessLog.objects.filter(user=outsider).exists()


def test_anonymous_requests_get_401(client, mother):
    response, body = _get(client, f"/api/fhir/Patient/parent-{mother.pk}")
    assert response.status_code == 401 and body["issue"][0]["code"] == "login"


@pytest.mark.parametrize("resource_id", ["parent-999999", "inconnu-1", "parent-abc", "enfant-"])
def test_unknown_or_malformed_ids_are_404(login, sagefemme, family, resource_id):
    response, _ = _get(login(sagefemme), f"/api/fhir/Patient/{resource_id}")
    assert response.status_code == 404


def test_observation_search_requires_a_patient(login, sagefemme):
    response, body = _get(login(sagefemme), "/api/fhir/Observation")
    assert response.status_code == 400 and body["issue"][0]["code"] == "required"


def test_the_api_is_read_only(login, sagefemme, mother):
    response = login(sagefemme).post(f"/api/fhir/Patient/parent-{mother.pk}", {})
    assert response.status_code == 405
