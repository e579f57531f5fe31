"""RGPD: export (JSON, PDF), anonymisation after the retention period, erasure on request."""

import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from millejours.pathway.models import Child, Family, FamilyStatus, Parent
from millejours.pathway.selectors import get_family_for_user
from millejours.audit.models import AccessLog, ErasureRecord
from tests import factories

pytestmark = pytest.mark.django_db


def old_family(years_ago: int):
    fam = factories.family(lmp=date.today() - timedelta(days=365 * years_ago + 280))
    pregnancy = fam.pregnancies.get()
    Child.objects.create(family=fam, pregnancy=pregnancy, first_name="Léa",
                         birth_date=date.today() - timedelta(days=365 * years_ago), gestational_age_weeks=39)
    return fam


def test_parent_downloads_all_their_data_as_json(login, parent, family, sagefemme):
    get_family_for_user(sagefemme, family.pk, page="pathway:family_detail")
    response = login(parent).get(reverse("trust:my_data_json", args=[family.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    sections = data["données"]
    assert sections["famille"]["display_name"] == family.display_name
    assert sections["parents"][0]["first_name"] == "Camille"
    assert sections["consultations du dossier"][0]["personne"] == "Sophie Martin"


def test_parent_downloads_a_readable_pdf(login, parent, family):
    response = login(parent).get(reverse("trust:my_data_pdf", args=[family.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_parent_cannot_download_another_familys_data(login, parent, family):
    other = factories.family()
    assert login(parent).get(reverse("trust:my_data_json", args=[other.pk])).status_code == 404


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
    assert (parent.first_name, parent.last_name, parent.phone, parent.email, parent.birth_date) == ("", "", "", "", None)
    assert Child.objects.get(family=fam).first_name == ""
    assert Parent.objects.get(family=recent).first_name == "Camille"
    assert Family.objects.get(pk=family.pk).status == FamilyStatus.ACTIVE
    record = ErasureRecord.objects.get()
    assert record.family_count == 1 and "Camille" not in record.legal_basis


def test_dpo_erases_a_family_on_request_with_a_record(login, admin_user, family, sagefemme):
    get_family_for_user(sagefemme, family.pk, page="pathway:family_detail")
    response = login(admin_user).post(
        reverse("trust:family_erase", args=[family.pk]),
        {"legal_basis": "Demande d'effacement (art. 17 RGPD)", "confirm": "on"},
    )
    assert response.status_code == 302
    assert not Family.objects.filter(pk=family.pk).exists()
    record = ErasureRecord.objects.get()
    assert record.performed_by == admin_user and record.legal_basis.startswith("Demande")
    assert AccessLog.objects.filter(family_id_ref=family.pk).exists()  # accountability kept


def test_erasure_without_legal_basis_deletes_nothing(login, admin_user, family):
    response = login(admin_user).post(reverse("trust:family_erase", args=[family.pk]), {"confirm": "on"})
    assert response.status_code == 200
    assert Family.objects.filter(pk=family.pk).exists()


def test_anonymisation_reaches_every_domain_linked_to_the_family(parent):
    from millejours.audit.models import Consent
    from millejours.audit.services import consent_give

    fam = old_family(6)
    consent_give(family=fam, scope="contact_sms", recorded_by=parent, given_by="Camille Exemple")
    call_command("rgpd", "anonymise", "--years", "3", stdout=io.StringIO())
    assert Consent.objects.get(family=fam).given_by == ""
