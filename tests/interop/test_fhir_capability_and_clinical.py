"""FHIR (issue 14 item 5): CapabilityStatement, FR Core profiles, EPDS, done vaccines."""

import json
from datetime import date

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.immunization import Immunization
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from millejours.audit.models import AccessLog
from millejours.interop.fhir import FR_CORE_PATIENT, FR_CORE_PATIENT_INS
from millejours.pathway.calendar import materialise
from millejours.pathway.models import Child, IdentityStatus, Milestone, Parent, Pregnancy
from millejours.screening import questionnaires
from millejours.screening.services import epds_submit
from tests.interop.api_helpers import epds_answers

pytestmark = pytest.mark.django_db


def _get(client, url, **params):
    response = client.get(url, params)
    return response, (json.loads(response.content) if response.content else None)


@pytest.fixture
def mother(family):
    return Parent.objects.get(family=family)


@pytest.fixture
def child(family):
    pregnancy = Pregnancy.objects.get(family=family)
    pregnancy.outcome = "naissance"
    pregnancy.save()
    baby = Child.objects.create(
        family=family,
        pregnancy=pregnancy,
        first_name="Léa",
        sex="F",
        birth_date=date(2026, 1, 10),
        gestational_age_weeks=39,
        gestational_age_days=2,
    )
    materialise([pregnancy])
    return baby


def test_metadata_is_a_public_capability_statement_listing_the_resources(client):
    response, body = _get(client, "/api/fhir/metadata")
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/fhir+json"
    )
    statement = CapabilityStatement.model_validate(body)
    resources = {r.type: r for r in statement.rest[0].resource}
    assert set(resources) == {
        "Patient",
        "Observation",
        "Questionnaire",
        "QuestionnaireResponse",
        "Immunization",
    }
    assert set(resources["Patient"].supportedProfile) == {FR_CORE_PATIENT, FR_CORE_PATIENT_INS}
    assert FR_CORE_PATIENT == "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-patient"
    assert {i.code for i in resources["Immunization"].interaction} == {"read", "search-type"}


def test_a_patient_claims_the_fr_core_ins_profile_only_with_a_qualified_identity(
    login, sagefemme, mother
):
    client = login(sagefemme)
    _, body = _get(client, f"/api/fhir/Patient/parent-{mother.pk}")
    assert Patient.model_validate(body).meta.profile == [FR_CORE_PATIENT]
    mother.nir = "294057512345678"
    mother.identity_status = IdentityStatus.QUALIFIED
    mother.save()
    _, body = _get(client, f"/api/fhir/Patient/parent-{mother.pk}")
    assert Patient.model_validate(body).meta.profile == [FR_CORE_PATIENT_INS]


def test_the_epds_is_a_questionnaire_with_points_per_option(login, sagefemme):
    response, body = _get(login(sagefemme), "/api/fhir/Questionnaire/epds")
    assert response.status_code == 200
    q = Questionnaire.model_validate(body)
    epds = questionnaires.epds()
    assert q.version == epds.version and q.code[0].code == "71354-5"
    first = q.item[0]
    assert first.linkId == "q1" and first.text == epds.items[0].text
    assert [float(o.extension[0].valueDecimal) for o in first.answerOption] == [0, 1, 2, 3]
    assert q.item[-1].linkId == "total"
    assert _get(login(sagefemme), "/api/fhir/Questionnaire/epp")[0].status_code == 404


def test_a_signed_epds_is_a_questionnaire_response_of_the_mother(login, sagefemme, family, mother):
    response = epds_submit(
        answers=epds_answers(1), respondent="professionnel", family=family, user=sagefemme
    )
    client = login(sagefemme)
    http, body = _get(client, f"/api/fhir/QuestionnaireResponse/reperage-{response.pk}")
    assert http.status_code == 200
    qr = QuestionnaireResponse.model_validate(body)
    assert qr.subject.reference == f"Patient/parent-{mother.pk}"
    assert qr.questionnaire.endswith(f"/api/fhir/Questionnaire/epds|{response.version}")
    answers = {i.linkId: i.answer[0] for i in qr.item}
    assert answers["total"].valueInteger == response.total == 10
    assert answers["q1"].valueCoding.code == response.answers["q1"]
    _, bundle = _get(
        client, "/api/fhir/QuestionnaireResponse", patient=f"Patient/parent-{mother.pk}"
    )
    assert [e.resource.id for e in Bundle.model_validate(bundle).entry] == [
        f"reperage-{response.pk}"
    ]
    assert (
        AccessLog.objects.filter(user=sagefemme, page="interop:questionnaire_response").count() == 1
    )


def test_done_vaccines_are_immunizations_of_the_child(login, sagefemme, child):
    vaccine = Milestone.objects.filter(child=child, category="vaccin").order_by("due", "id").first()
    other = Milestone.objects.filter(child=child, category="vaccin").exclude(pk=vaccine.pk).first()
    vaccine.state, vaccine.done_on, vaccine.done_by = "fait", date(2026, 3, 12), sagefemme
    vaccine.save()
    client = login(sagefemme)
    http, body = _get(client, f"/api/fhir/Immunization/etape-{vaccine.pk}")
    assert http.status_code == 200
    imm = Immunization.model_validate(body)
    assert imm.status == "completed" and imm.patient.reference == f"Patient/enfant-{child.pk}"
    assert (
        imm.vaccineCode.coding[0].code == vaccine.code
        and str(imm.occurrenceDateTime) == "2026-03-12"
    )
    assert imm.primarySource is True
    assert (
        _get(client, f"/api/fhir/Immunization/etape-{other.pk}")[0].status_code == 404
    )  # not done
    _, bundle = _get(client, "/api/fhir/Immunization", patient=f"enfant-{child.pk}")
    assert [e.resource.id for e in Bundle.model_validate(bundle).entry] == [f"etape-{vaccine.pk}"]


def test_outside_the_care_team_epds_and_vaccines_are_404(
    login, outsider, sagefemme, family, mother, child
):
    response = epds_submit(
        answers=epds_answers(0), respondent="professionnel", family=family, user=sagefemme
    )
    vaccine = Milestone.objects.filter(child=child, category="vaccin").first()
    vaccine.state, vaccine.done_on = "fait", date(2026, 3, 12)
    vaccine.save()
    client = login(outsider)
    for url in (
        f"/api/fhir/QuestionnaireResponse/reperage-{response.pk}",
        f"/api/fhir/Immunization/etape-{vaccine.pk}",
        f"/api/fhir/Immunization?patient=enfant-{child.pk}",
        f"/api/fhir/QuestionnaireResponse?patient=parent-{mother.pk}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/api/fhir/Immunization").status_code == 400
    assert not AccessLog.objects.filter(user=outsider).exists()
