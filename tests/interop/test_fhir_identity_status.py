"""An unverified NIR never travels as an INS (issue 11, item 10).

The INS-NIR OID is reserved to a qualified identity (ANS, RNIV 1); a NIR imported from a
declaration file is a provisional identity: the FHIR Patient carries a local identifier.
"""

import json

import pytest

from millejours.interop.fhir import LOCAL_PATIENT_SYSTEM, NIR_SYSTEM, parent_patient
from millejours.outreach.importer import run_import
from millejours.pathway.models import IdentityStatus, Parent
from tests.outreach.helpers import csv_bytes, nir, row

pytestmark = pytest.mark.django_db
INS_OID = "urn:oid:1.2.250.1.213.1.4.8"


def _identifiers(patient) -> dict:
    return {i.system: i.value for i in patient.identifier}


def test_the_ins_oid_is_the_ans_one():
    assert NIR_SYSTEM == INS_OID


def test_a_nir_imported_from_a_declaration_is_provisional_and_never_sent_as_ins(commune):
    run_import(csv_bytes([row(nir=nir())]))
    parent = Parent.objects.get()
    assert parent.nir and parent.identity_status == IdentityStatus.PROVISIONAL
    identifiers = _identifiers(parent_patient(parent))
    assert INS_OID not in identifiers
    assert parent.nir not in identifiers.values()
    assert identifiers[LOCAL_PATIENT_SYSTEM] == f"parent-{parent.pk}"


@pytest.mark.parametrize("status", [IdentityStatus.RETRIEVED, IdentityStatus.VALIDATED])
def test_a_retrieved_or_validated_identity_is_not_sent_as_ins_either(family, status):
    parent = Parent.objects.get(family=family)
    Parent.objects.filter(pk=parent.pk).update(nir=nir(), identity_status=status)
    parent.refresh_from_db()
    assert INS_OID not in _identifiers(parent_patient(parent))


def test_only_a_qualified_identity_is_sent_under_the_ins_oid(login, sagefemme, family):
    parent = Parent.objects.get(family=family)
    Parent.objects.filter(pk=parent.pk).update(nir=nir(), identity_status=IdentityStatus.QUALIFIED)
    body = json.loads(login(sagefemme).get(f"/api/fhir/Patient/parent-{parent.pk}").content)
    ins = [i for i in body["identifier"] if i["system"] == INS_OID]
    assert ins == [{"use": "official", "system": INS_OID, "value": nir()}]


def test_every_parent_starts_provisional():
    assert Parent._meta.get_field("identity_status").default == IdentityStatus.PROVISIONAL
    assert [c for c, _ in IdentityStatus.choices] == [
        "provisoire",
        "recuperee",
        "validee",
        "qualifiee",
    ]
