"""RGPD: anonymisation after the retention period (the export and erasure pages: tests/privacy)."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from millejours.audit.models import ErasureRecord
from millejours.pathway.models import Child, Family, FamilyStatus, Parent
from tests import factories

pytestmark = pytest.mark.django_db


def old_family(years_ago: int):
    fam = factories.family(lmp=date.today() - timedelta(days=365 * years_ago + 280))
    pregnancy = fam.pregnancies.get()
    Child.objects.create(
        family=fam,
        pregnancy=pregnancy,
        first_name="Léa",
        birth_date=date.today() - timedelta(days=365 * years_ago),
        gestational_age_weeks=39,
    )
    return fam


def test_anonymisation_dry_run_changes_nothing(db):
    fam = old_family(6)
    out = io.StringIO()
    call_command("rgpd", "anonymise", "--years", "3", "--dry-run", stdout=out)
    assert "1 dossier(s) à anonymiser" in out.getvalue()
    assert str(fam.pk) in out.getvalue()
    assert Parent.objects.get(family=fam).first_name == "Camille"


def test_anonymisation_removes_personal_data_after_the_retention_period(family):
    fam = old_family(6)  # 2nd birthday 4 years ago > 3 years
    recent = old_family(3)  # 2nd birthday 1 year ago
    call_command("rgpd", "anonymise", "--years", "3", stdout=io.StringIO())
    fam.refresh_from_db()
    assert fam.status == FamilyStatus.ANONYMISED
    parent = Parent.objects.get(family=fam)
    assert (parent.first_name, parent.last_name, parent.phone, parent.email, parent.birth_date) == (
        "",
        "",
        "",
        "",
        None,
    )
    assert Child.objects.get(family=fam).first_name == ""
    assert Parent.objects.get(family=recent).first_name == "Camille"
    assert Family.objects.get(pk=family.pk).status == FamilyStatus.ACTIVE
    record = ErasureRecord.objects.get()
    assert record.family_count == 1 and "Camille" not in record.legal_basis


def test_anonymisation_reaches_every_domain_linked_to_the_family(parent):
    from millejours.audit.models import Consent
    from millejours.audit.services import consent_give

    fam = old_family(6)
    consent_give(family=fam, scope="contact_sms", recorded_by=parent, given_by="Camille Exemple")
    call_command("rgpd", "anonymise", "--years", "3", stdout=io.StringIO())
    assert Consent.objects.get(family=fam).given_by == ""
