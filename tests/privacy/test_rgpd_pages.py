"""RGPD pages: the parent downloads her data (JSON, PDF); the DPO erases a file on request."""

import json

import pytest
from django.urls import reverse

from millejours.accounts.models import Role
from millejours.audit.models import AccessLog, ErasureRecord
from millejours.pathway.models import Family
from millejours.pathway.selectors import get_family_for_user
from tests import factories

pytestmark = pytest.mark.django_db


def test_parent_downloads_all_their_data_as_json(login, parent, family, sagefemme):
    get_family_for_user(sagefemme, family.pk, page="pathway:family_detail")
    response = login(parent).get(reverse("privacy:my_data_json", args=[family.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    sections = data["données"]
    assert sections["famille"]["display_name"] == family.display_name
    assert sections["parents"][0]["first_name"] == "Camille"
    assert sections["consultations du dossier"][0]["personne"] == "Sophie Martin"


def test_parent_downloads_a_readable_pdf(login, parent, family):
    response = login(parent).get(reverse("privacy:my_data_pdf", args=[family.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_parent_cannot_download_another_familys_data(login, parent, family):
    other = factories.family()
    assert login(parent).get(reverse("privacy:my_data_json", args=[other.pk])).status_code == 404


def test_dpo_erases_a_family_on_request_with_a_record(login, admin_user, family, sagefemme):
    get_family_for_user(sagefemme, family.pk, page="pathway:family_detail")
    response = login(admin_user).post(
        reverse("privacy:family_erase", args=[family.pk]),
        {"legal_basis": "Demande d'effacement (art. 17 RGPD)", "confirm": "on"},
    )
    assert response.status_code == 302
    assert not Family.objects.filter(pk=family.pk).exists()
    record = ErasureRecord.objects.get()
    assert record.performed_by == admin_user and record.legal_basis.startswith("Demande")
    assert AccessLog.objects.filter(family_id_ref=family.pk).exists()  # accountability kept


def test_erasure_without_legal_basis_deletes_nothing(login, admin_user, family):
    response = login(admin_user).post(
        reverse("privacy:family_erase", args=[family.pk]), {"confirm": "on"}
    )
    assert response.status_code == 200
    assert Family.objects.filter(pk=family.pk).exists()


@pytest.mark.parametrize("page", ["privacy:my_data", "privacy:my_consents"])
def test_a_parent_page_has_one_part_per_linked_record(login, parent, family, page):
    html = login(parent).get(reverse(page)).content.decode()
    assert html.count(f'aria-labelledby="famille-{family.pk}"') == 1
    assert f'<h2 id="famille-{family.pk}">{family.display_name}</h2>' in html
    assert "relié à votre compte" not in html


@pytest.mark.parametrize("page", ["privacy:my_data", "privacy:my_consents"])
def test_a_parent_page_without_a_linked_record_says_so(login, page):
    lone_parent = factories.user(Role.PARENT, email="seule@test.millejours.fr")
    html = login(lone_parent).get(reverse(page)).content.decode()
    assert "Aucun dossier n'est relié à votre compte." in html
    assert 'aria-labelledby="famille-' not in html
