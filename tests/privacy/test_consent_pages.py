"""Consent pages: the parent on « Mes consentements », a care-team member on the family record."""

import pytest
from django.urls import reverse

from millejours.audit.selectors import has_consent
from tests import factories
from tests.pathway import careteam_personas

pytestmark = pytest.mark.django_db
glass_reader = careteam_personas.glass_reader


def test_parent_withdraws_a_consent_from_their_page(login, parent, family):
    client = login(parent)
    page = client.get(reverse("privacy:my_consents"))
    assert page.status_code == 200
    assert "Être contacté(e) par SMS" in page.content.decode()
    response = client.post(
        reverse("privacy:my_consents"),
        {"family": family.pk, "scope": "contact_sms", "action": "retirer"},
    )
    assert response.status_code == 302
    assert not has_consent(family, "contact_sms")


def test_parent_cannot_change_another_familys_consents(login, parent, family):
    other = factories.family()
    client = login(parent)
    client.post(
        reverse("privacy:my_consents"),
        {"family": other.pk, "scope": "contact_sms", "action": "retirer"},
    )
    assert has_consent(other, "contact_sms")


def test_care_team_member_records_a_withdrawal_on_the_familys_behalf(login, sagefemme, family):
    client = login(sagefemme)
    response = client.post(
        reverse("privacy:family_consent", args=[family.pk]),
        {"scope": "contact_email", "action": "retirer"},
    )
    assert response.status_code == 302
    assert not has_consent(family, "contact_email")


def test_outsider_cannot_record_consents(login, outsider, family):
    client = login(outsider)
    response = client.post(
        reverse("privacy:family_consent", args=[family.pk]),
        {"scope": "contact_email", "action": "retirer"},
    )
    assert response.status_code == 404
    assert has_consent(family, "contact_email")


def test_a_reader_under_break_the_glass_cannot_record_consents(login, glass_reader, family):
    response = login(glass_reader).post(
        reverse("privacy:family_consent", args=[family.pk]),
        {"scope": "contact_email", "action": "retirer"},
    )
    assert response.status_code == 403
    assert has_consent(family, "contact_email")


def test_parent_sees_the_care_team(login, parent, family):
    html = login(parent).get(reverse("privacy:my_consents")).content.decode()
    assert "Votre équipe de soins" in html and "Sophie Martin" in html


def test_family_page_panel_lists_the_team_and_consents_and_links_to_the_team_page(
    login, sagefemme, family
):
    html = login(sagefemme).get(reverse("pathway:family_detail", args=[family.pk])).content.decode()
    assert "Sophie Martin" in html and "Partage des informations" in html
    assert reverse("pathway:careteam", args=[family.pk]) in html
    assert "/equipe/" not in html  # no second care-team form on the record


def test_the_old_care_team_urls_are_gone(login, sagefemme, family, outsider):
    client = login(sagefemme)
    assert (
        client.post(
            f"/confiance/familles/{family.pk}/equipe/ajouter/", {"email": outsider.email}
        ).status_code
        == 404
    )
    assert (
        client.post(f"/confiance/familles/{family.pk}/equipe/{sagefemme.pk}/retirer/").status_code
        == 404
    )
